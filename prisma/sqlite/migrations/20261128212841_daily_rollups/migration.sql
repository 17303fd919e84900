-- CreateTable
CREATE TABLE "UsageDailyRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errorRequests" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "estimatedCostMicros" BIGINT NOT NULL DEFAULT 0,
    "latencyMsSum" BIGINT NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "UsageDailyTagRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "tagKey" TEXT NOT NULL,
    "tagValue" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "UsageDailyRollup_orgId_teamId_day_idx" ON "UsageDailyRollup"("orgId", "teamId", "day");

-- CreateIndex
CREATE INDEX "UsageDailyRollup_orgId_apiKeyId_day_idx" ON "UsageDailyRollup"("orgId", "apiKeyId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "UsageDailyRollup_orgId_day_teamId_userId_apiKeyId_provider_model_key" ON "UsageDailyRollup"("orgId", "day", "teamId", "userId", "apiKeyId", "provider", "model");

-- CreateIndex
CREATE INDEX "UsageDailyTagRollup_orgId_tagKey_tagValue_day_idx" ON "UsageDailyTagRollup"("orgId", "tagKey", "tagValue", "day");

-- CreateIndex
CREATE UNIQUE INDEX "UsageDailyTagRollup_orgId_day_tagKey_tagValue_teamId_userId_apiKeyId_provider_model_key" ON "UsageDailyTagRollup"("orgId", "day", "tagKey", "tagValue", "teamId", "userId", "apiKeyId", "provider", "model");

-- CreateIndex
CREATE INDEX "UsageRollup_orgId_apiKeyId_bucketMinute_idx" ON "UsageRollup"("orgId", "apiKeyId", "bucketMinute");
