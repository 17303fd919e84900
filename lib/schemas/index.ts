export * from "./common";
export * from "./org";
export * from "./team";
export * from "./user";
export * from "./key";
export * from "./token";
export * from "./audit";
export * from "./auth";
