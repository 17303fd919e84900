-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_alertId_key" ON "WebhookDelivery"("webhookId", "alertId");
