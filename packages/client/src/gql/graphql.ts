/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How a violation was recorded (R-ELG-1f). */
export type CaptureSource =
  | 'CAMERA'
  | 'ON_SITE';

/** Where a feedback stands (R-FBK-1). */
export type FeedbackStatus =
  | 'IN_PROGRESS'
  | 'RECEIVED'
  | 'RESOLVED';

/** How a filing was applied for (R-FIL-4..6). */
export type FilingMethod =
  | 'COMPANY_SMS'
  | 'QR'
  | 'SMS';

/** A filing's review state (R-FIL-4..6). */
export type FilingStatus =
  | 'ACTIVE'
  | 'PENDING'
  | 'REJECTED'
  | 'RELEASED';

/** A person named on a lease. */
export type LeasePersonInput = {
  idNumber: string;
  name: string;
};

/** Official payment channels (R-DUP-1, R-FEE-1). */
export type PaymentChannel =
  | 'ALIPAY'
  | 'APP'
  | 'BANK_COUNTER'
  | 'KIOSK'
  | 'WEB'
  | 'WECHAT';

/** A screenshot: PNG or JPEG bytes as base64, with the declared type (checked against the bytes). */
export type ScreenshotInput = {
  base64: string;
  /** image/png or image/jpeg. */
  mime: string;
};

/** How an account reaches a vehicle. */
export type VehicleRelation =
  | 'FILED'
  | 'LESSEE'
  | 'OWNER'
  | 'TEMPORARY_DRIVER';

/** Status in the occurrence province. */
export type ViolationStatus =
  | 'HANDLED_UNPAID'
  | 'PAID'
  | 'UNHANDLED';

/** A lease to write (R-ELG-7): the lessee by account or by ID number and name. */
export type WriteLeaseInput = {
  /** Exclusive end. */
  end: string;
  /** The partner's retry key: the same key answers the same lease. */
  idempotencyKey: string;
  lesseeAccountId?: string | number | null | undefined;
  lesseeIdNumber?: string | null | undefined;
  lesseeName?: string | null | undefined;
  plate: string;
  start: string;
  temporaryDrivers?: Array<LeasePersonInput>;
};

export type SubmitFeedbackMutationVariables = Exact<{
  description: string;
  key: string;
  screenshots?: Array<ScreenshotInput> | ScreenshotInput;
}>;


export type SubmitFeedbackMutation = { submitFeedback: { id: string, status: FeedbackStatus, createdAt: string } };

export type MyFeedbackQueryVariables = Exact<{ [key: string]: never; }>;


export type MyFeedbackQuery = { myFeedback: Array<{ id: string, description: string, status: FeedbackStatus, createdAt: string, updatedAt: string }> };

export type MyFilingsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyFilingsQuery = { me: { id: string, filings: Array<{ id: string, plate: string, method: FilingMethod, status: FilingStatus, appliedAt: string, effectiveAt: string | null, releasedAt: string | null }> } | null };

export type RequestFilingCodeMutationVariables = Exact<{
  plate: string;
  method: FilingMethod;
}>;


export type RequestFilingCodeMutation = { requestFilingCode: { maskedPhone: string | null, expiresAt: string | null, denials: Array<{ code: string, ruleId: string, message: string }> } };

export type ApplyFilingMutationVariables = Exact<{
  plate: string;
  method: FilingMethod;
  faceToken: string;
  smsCode?: string | null | undefined;
  qrCode?: string | null | undefined;
}>;


export type ApplyFilingMutation = { applyFiling: { filing: { id: string, plate: string, method: FilingMethod, status: FilingStatus, appliedAt: string } | null, denials: Array<{ code: string, ruleId: string, message: string }> } };

export type ReleaseFilingMutationVariables = Exact<{
  id: string | number;
}>;


export type ReleaseFilingMutation = { releaseFiling: { id: string, status: FilingStatus, releasedAt: string | null } };

export type PartnerLeasesQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerLeasesQuery = { partnerFleet: Array<{ plate: string, leases: Array<{ id: string, plate: string, startsAt: string, endsAt: string, lessee: { idNumber: string, name: string }, temporaryDrivers: Array<{ idNumber: string, name: string }> }> }> };

export type WriteLeaseMutationVariables = Exact<{
  input: WriteLeaseInput;
}>;


export type WriteLeaseMutation = { writeLease: { id: string, plate: string, startsAt: string, endsAt: string, lessee: { name: string } } };

export type MyViolationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyViolationsQuery = { me: { id: string, name: string, licence: { points: number, reservedPoints: number } | null, vehicles: Array<{ relation: VehicleRelation, vehicle: { plate: string, violations: Array<{ id: string, status: ViolationStatus, fineYuan: number, points: number, source: CaptureSource, province: { code: string, name: string }, eligibility: { allowed: boolean, denials: Array<{ code: string, ruleId: string, message: string }> } } | null> } }> } | null };

export type ViolationQueryVariables = Exact<{
  id: string | number;
}>;


export type ViolationQuery = { violation: { id: string, plate: string, status: ViolationStatus, fineYuan: number, points: number, handling: { decisionNumber: string, handledAt: string, payBy: string, payment: { amountYuan: number, channel: PaymentChannel } | null } | null } | null };

export type ProvinceNoticeQueryVariables = Exact<{
  code: string;
}>;


export type ProvinceNoticeQuery = { province: { code: string, name: string, businessNotice: string, maintenanceWindow: { from: string, to: string, timeZone: string }, objectionContact: { agency: string, phone: string | null, address: string | null } } | null };

export type FineScheduleQueryVariables = Exact<{
  code: string;
}>;


export type FineScheduleQuery = { province: { code: string, name: string, scheduleVersion: string | null, fineSchedule: Array<{ code: string, description: string, fineYuan: number, points: number, warningOnly: boolean, simpleProcedure: boolean }> } | null };

export type HandleViolationMutationVariables = Exact<{
  id: string | number;
  key: string;
}>;


export type HandleViolationMutation = { handleViolation: { ok: boolean, replayed: boolean, denials: Array<{ code: string, ruleId: string, message: string }>, violation: { id: string, status: ViolationStatus } | null, handling: { decisionNumber: string, handledAt: string, payBy: string } | null } };

export type PayFineMutationVariables = Exact<{
  id: string | number;
  key: string;
}>;


export type PayFineMutation = { payFine: { ok: boolean, denials: Array<{ code: string, ruleId: string, message: string }>, violation: { id: string, status: ViolationStatus } | null, payment: { amountYuan: number, channel: PaymentChannel, paidAt: string } | null } };


export const SubmitFeedbackDocument = {"__meta__":{"hash":"sha256:d565bb9a3571e752c288815030a2c4a1e12cc87381890794d78195553688fd84"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitFeedback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"description"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"screenshots"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScreenshotInput"}}}}},"defaultValue":{"kind":"ListValue","values":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitFeedback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"description"},"value":{"kind":"Variable","name":{"kind":"Name","value":"description"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"screenshots"},"value":{"kind":"Variable","name":{"kind":"Name","value":"screenshots"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<SubmitFeedbackMutation, SubmitFeedbackMutationVariables>;
export const MyFeedbackDocument = {"__meta__":{"hash":"sha256:2275cb6fd80267c76510c1f61ab3d6fc648ad85d786d1b99088db314681197b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyFeedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myFeedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<MyFeedbackQuery, MyFeedbackQueryVariables>;
export const MyFilingsDocument = {"__meta__":{"hash":"sha256:7e9d3674e2cc1d9771285bdf84d8c95111439436250936025fb69e193284a45e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyFilings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"filings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"releasedAt"}}]}}]}}]}}]} as unknown as DocumentNode<MyFilingsQuery, MyFilingsQueryVariables>;
export const RequestFilingCodeDocument = {"__meta__":{"hash":"sha256:a0affcc5a8a216a87de8241221492bd9bce3301925401dbcbb9c7589b7c6c206"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestFilingCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"plate"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"method"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FilingMethod"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestFilingCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"plate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"plate"}}},{"kind":"Argument","name":{"kind":"Name","value":"method"},"value":{"kind":"Variable","name":{"kind":"Name","value":"method"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maskedPhone"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"denials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RequestFilingCodeMutation, RequestFilingCodeMutationVariables>;
export const ApplyFilingDocument = {"__meta__":{"hash":"sha256:294523ceaa27b58e58586ac6a199d35bad8549ef79c6e535da7dd9068a4df324"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyFiling"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"plate"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"method"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FilingMethod"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"faceToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"smsCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"qrCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyFiling"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"plate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"plate"}}},{"kind":"Argument","name":{"kind":"Name","value":"method"},"value":{"kind":"Variable","name":{"kind":"Name","value":"method"}}},{"kind":"Argument","name":{"kind":"Name","value":"faceToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"faceToken"}}},{"kind":"Argument","name":{"kind":"Name","value":"smsCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"smsCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"qrCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"qrCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"denials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyFilingMutation, ApplyFilingMutationVariables>;
export const ReleaseFilingDocument = {"__meta__":{"hash":"sha256:003bbfcc63a7362228b9aac1d90af46ccbc1c195150862e6b9fe7807fca051a1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReleaseFiling"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseFiling"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"releasedAt"}}]}}]}}]} as unknown as DocumentNode<ReleaseFilingMutation, ReleaseFilingMutationVariables>;
export const PartnerLeasesDocument = {"__meta__":{"hash":"sha256:b123bf02fcbf90747bdc6057b5f78b8661fa9b64c20a20944b1edc2f987ad3e7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerLeases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerFleet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"leases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"lessee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"temporaryDrivers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerLeasesQuery, PartnerLeasesQueryVariables>;
export const WriteLeaseDocument = {"__meta__":{"hash":"sha256:039868305276b5990e5f08d751a12162eeb87ed2e80309f7c7fe32c820753842"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WriteLease"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WriteLeaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"writeLease"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"lessee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WriteLeaseMutation, WriteLeaseMutationVariables>;
export const MyViolationsDocument = {"__meta__":{"hash":"sha256:df598eccf995171dc431d8b99759d123d8bf738aa345d420d30df1543caf8409"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyViolations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"licence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"reservedPoints"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vehicles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relation"}},{"kind":"Field","name":{"kind":"Name","value":"vehicle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"violations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fineYuan"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"province"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eligibility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"denials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyViolationsQuery, MyViolationsQueryVariables>;
export const ViolationDocument = {"__meta__":{"hash":"sha256:e2b71f321f82d5bb5cec8fcbe26daef160a4179773473662f752c8834681c5f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Violation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"violation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plate"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fineYuan"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"handling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decisionNumber"}},{"kind":"Field","name":{"kind":"Name","value":"handledAt"}},{"kind":"Field","name":{"kind":"Name","value":"payBy"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountYuan"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViolationQuery, ViolationQueryVariables>;
export const ProvinceNoticeDocument = {"__meta__":{"hash":"sha256:264e2e285f9133d7fbd98f7997eb0451347696003091a8bb8d2fe866806d7548"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProvinceNotice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvinceCode"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"businessNotice"}},{"kind":"Field","name":{"kind":"Name","value":"maintenanceWindow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"objectionContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]} as unknown as DocumentNode<ProvinceNoticeQuery, ProvinceNoticeQueryVariables>;
export const FineScheduleDocument = {"__meta__":{"hash":"sha256:4e98f8c01ec5788ffd4b063c96dfe147d895eb201a3dcd9608ff038d010c7936"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FineSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvinceCode"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"province"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleVersion"}},{"kind":"Field","name":{"kind":"Name","value":"fineSchedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"fineYuan"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"warningOnly"}},{"kind":"Field","name":{"kind":"Name","value":"simpleProcedure"}}]}}]}}]}}]} as unknown as DocumentNode<FineScheduleQuery, FineScheduleQueryVariables>;
export const HandleViolationDocument = {"__meta__":{"hash":"sha256:f380f7d67ee0f719dc51f63aa34300582ba738f4b2fd08af9182e1a8bd84199a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HandleViolation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handleViolation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"noticeAccepted"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"denials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"violation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"handling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decisionNumber"}},{"kind":"Field","name":{"kind":"Name","value":"handledAt"}},{"kind":"Field","name":{"kind":"Name","value":"payBy"}}]}}]}}]}}]} as unknown as DocumentNode<HandleViolationMutation, HandleViolationMutationVariables>;
export const PayFineDocument = {"__meta__":{"hash":"sha256:4acdc55c3f495e6d24bd67f63935b9fa6baedbb8ece36419804287176579501c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PayFine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payFine"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"violationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"APP"}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"denials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"violation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountYuan"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}}]}}]}}]}}]} as unknown as DocumentNode<PayFineMutation, PayFineMutationVariables>;