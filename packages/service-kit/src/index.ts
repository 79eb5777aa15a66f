export { type Clock, systemClock, VirtualClock } from "./clock";
export { openDatabase, QueryCounter, type Database, type Db, type OpenDatabaseOptions } from "./db";
