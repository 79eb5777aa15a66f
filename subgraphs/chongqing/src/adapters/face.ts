/**
 * Face verification (R-REG-1 app registration, filings R-FIL-4..6) behind an interface. The
 * development adapter accepts the token `dev-face-ok:<idNumber>` for that person only; production
 * refuses with PRODUCTION_ADAPTER_MISSING unless a real verifier is configured.
 */
import { AppFault } from "@jg/errors";

/** A face verification provider: does the token prove a live face of this person? */
export interface FaceVerifier {
  readonly development: boolean;
  verify(input: { idNumber: string; name: string; faceToken: string }): Promise<boolean>;
}

const DEV_FACE_TOKEN_PREFIX = "dev-face-ok:";

/** Accepts `dev-face-ok:<idNumber>` for that ID number. */
export class DevelopmentFaceVerifier implements FaceVerifier {
  readonly development = true;
  verify(input: { idNumber: string; faceToken: string }): Promise<boolean> {
    return Promise.resolve(input.faceToken === `${DEV_FACE_TOKEN_PREFIX}${input.idNumber}`);
  }
}

/** What production runs when no real verifier was configured. */
export class MissingFaceVerifier implements FaceVerifier {
  readonly development = false;
  verify(): Promise<boolean> {
    return Promise.reject(new AppFault("PRODUCTION_ADAPTER_MISSING", { params: { adapter: "face verification" } }));
  }
}

/** Verifies a face token; throws FACE_VERIFICATION_FAILED when it does not prove the person. */
export async function requireFace(face: FaceVerifier, input: { idNumber: string; name: string; faceToken: string }): Promise<void> {
  if (!(await face.verify(input))) throw new AppFault("FACE_VERIFICATION_FAILED");
}
