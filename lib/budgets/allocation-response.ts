// A 409 allocation_exceeded answer carries the numbers (which parent, its ceiling, the allocation the
// change would reach) next to the usual error fields, so the UI can offer "oversubscribe anyway".
import { errorBody } from "@/lib/api/errors";
import { json } from "@/lib/api/with-api";
import { AllocationExceededError } from "./allocation-guard";

export async function withAllocationDetails(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AllocationExceededError)) throw error;
    const body = errorBody(error);
    return json({ error: { ...body.error, allocation: error.details } }, error.status);
  }
}
