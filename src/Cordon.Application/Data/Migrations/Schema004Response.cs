using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Response requests and their history, the notification outbox, webhook endpoints and deliveries.</summary>
public static class Schema004Response
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("response_requests", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Kind = table.Column<string>(t.Text, maxLength: 16),
            Priority = table.Column<string>(t.Text, maxLength: 16),
            State = table.Column<string>(t.Text, maxLength: 16),
            SenderId = table.Column<Guid>(t.Guid),
            RecipientId = table.Column<Guid>(t.Guid, nullable: true),
            CommunityId = table.Column<Guid>(t.Guid, nullable: true),
            Targets = table.Column<string>(t.Text),
            Amount = table.Column<decimal>(t.Decimal, nullable: true),
            Currency = table.Column<string>(t.Text, maxLength: 3, nullable: true),
            TransactionRef = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            TransactionAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            CaseRef = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            LegalBasis = table.Column<string>(t.Text, maxLength: 2000),
            Description = table.Column<string>(t.Text, maxLength: 4000, nullable: true),
            Outcome = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            AmountFrozen = table.Column<decimal>(t.Decimal, nullable: true),
            OutcomeCurrency = table.Column<string>(t.Text, maxLength: 3, nullable: true),
            DeclineReason = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            SentAt = table.Column<DateTimeOffset>(t.Timestamp),
            AcknowledgedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            ActionedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            ClosedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            AcknowledgeDueAt = table.Column<DateTimeOffset>(t.Timestamp),
            ActionDueAt = table.Column<DateTimeOffset>(t.Timestamp),
            ExpiresAt = table.Column<DateTimeOffset>(t.Timestamp),
            AcknowledgeBreachedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            ActionBreachedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            Version = table.Column<int>(t.Int),
        }, constraints: table => table.PrimaryKey("PK_response_requests", x => x.Id));
        b.CreateIndex("IX_response_requests_SenderId", "response_requests", "SenderId");
        b.CreateIndex("IX_response_requests_RecipientId", "response_requests", "RecipientId");
        b.CreateIndex("IX_response_requests_State", "response_requests", "State");

        b.CreateTable("request_transitions", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            RequestId = table.Column<Guid>(t.Guid),
            From = table.Column<string>(t.Text, maxLength: 16),
            To = table.Column<string>(t.Text, maxLength: 16),
            ByOrganisationId = table.Column<Guid>(t.Guid, nullable: true),
            ByActor = table.Column<string>(t.Text, maxLength: 64),
            Note = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            At = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_request_transitions", x => x.Id);
            table.ForeignKey("FK_request_transitions_response_requests_RequestId", x => x.RequestId, "response_requests", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_request_transitions_RequestId", "request_transitions", "RequestId");

        b.CreateTable("outbox_messages", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Sequence = table.Column<long>(t.Long),
            Index = table.Column<int>(t.Int),
            OrganisationId = table.Column<Guid>(t.Guid),
            EventType = table.Column<string>(t.Text, maxLength: 64),
            Payload = table.Column<string>(t.Text),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_outbox_messages", x => x.Id));
        b.CreateIndex("IX_outbox_messages_OrganisationId_Sequence_Index", "outbox_messages", ["OrganisationId", "Sequence", "Index"]);

        b.CreateTable("webhook_subscriptions", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Url = table.Column<string>(t.Text, maxLength: 2048),
            Secret = table.Column<string>(t.Text, maxLength: 128),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            DisabledAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
        }, constraints: table => table.PrimaryKey("PK_webhook_subscriptions", x => x.Id));
        b.CreateIndex("IX_webhook_subscriptions_OrganisationId", "webhook_subscriptions", "OrganisationId");

        b.CreateTable("webhook_deliveries", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            MessageId = table.Column<Guid>(t.Guid),
            SubscriptionId = table.Column<Guid>(t.Guid),
            Attempts = table.Column<int>(t.Int),
            NextAttemptAt = table.Column<DateTimeOffset>(t.Timestamp),
            DeliveredAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            DeadAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            LastStatus = table.Column<int>(t.Int, nullable: true),
            LastError = table.Column<string>(t.Text, maxLength: 500, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_webhook_deliveries", x => x.Id);
            table.ForeignKey("FK_webhook_deliveries_outbox_messages_MessageId", x => x.MessageId, "outbox_messages", "Id",
                onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_webhook_deliveries_webhook_subscriptions_SubscriptionId", x => x.SubscriptionId, "webhook_subscriptions", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_webhook_deliveries_DeliveredAt_DeadAt_NextAttemptAt", "webhook_deliveries", ["DeliveredAt", "DeadAt", "NextAttemptAt"]);
    }
}
