// Every /api/v1 resource registers its operations here: add one line per resource file.
import type { PathRegistrar } from "../registry";
import { registerOrgPaths } from "./org";
import { registerTeamPaths } from "./teams";
import { registerUserPaths } from "./users";
import { registerKeyPaths } from "./keys";
import { registerTokenPaths } from "./tokens";
import { registerAuditPaths } from "./audit";
import { registerBudgetPaths } from "./budgets";
import { registerPricePaths } from "./prices";
import { registerSpendPaths } from "./spend";
import { registerAlertPaths } from "./alerts";
import { registerWebhookPaths } from "./webhooks";

export const pathRegistrars: PathRegistrar[] = [
  registerOrgPaths,
  registerTeamPaths,
  registerUserPaths,
  registerKeyPaths,
  registerTokenPaths,
  registerAuditPaths,
  registerBudgetPaths,
  registerPricePaths,
  registerSpendPaths,
  registerAlertPaths,
  registerWebhookPaths,
];
