/** The readable reference of the admin and enforcement APIs (served by the API routes). */
export const API_DOCS_HREF = "/api/v1/docs";
