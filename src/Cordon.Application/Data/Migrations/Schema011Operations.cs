using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>
/// Joint operations: participants, targets, free tasks, results and timeline; requests can be filed under one. Bulletins
/// get the <c>date_added</c> and origin that let them travel to peers, public advice, and attachments.
/// </summary>
public static class Schema011Operations
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("operations", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Name = table.Column<string>(t.Text, maxLength: 200),
            LeadOrganisationId = table.Column<Guid>(t.Guid),
            Objectives = table.Column<string>(t.Text, maxLength: 4000),
            Countries = table.Column<string>(t.Text, maxLength: 800),
            StartsAt = table.Column<DateTimeOffset>(t.Timestamp),
            EndsAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            Status = table.Column<string>(t.Text, maxLength: 16),
            CreatedBy = table.Column<string>(t.Text, maxLength: 200),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            ChangedAt = table.Column<DateTimeOffset>(t.Timestamp),
            ClosedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            OriginNode = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            DateAdded = table.Column<DateTimeOffset>(t.Timestamp),
            FormerNodes = table.Column<string>(t.Text, maxLength: 4000),
            Version = table.Column<int>(t.Int),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_operations", x => x.Id);
            table.ForeignKey("FK_operations_organisations_LeadOrganisationId", x => x.LeadOrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_operations_ChangedAt", "operations", "ChangedAt");
        b.CreateIndex("IX_operations_DateAdded", "operations", "DateAdded");
        b.CreateIndex("IX_operations_LeadOrganisationId", "operations", "LeadOrganisationId");
        b.CreateTable("operation_participants", table => new
        {
            OperationId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Role = table.Column<string>(t.Text, maxLength: 16),
            AddedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_operation_participants", x => new { x.OperationId, x.OrganisationId });
            table.ForeignKey("FK_operation_participants_operations_OperationId", x => x.OperationId, "operations", "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_operation_participants_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_operation_participants_OrganisationId", "operation_participants", "OrganisationId");
        b.CreateTable("operation_targets", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OperationId = table.Column<Guid>(t.Guid),
            Kind = table.Column<string>(t.Text, maxLength: 16),
            ItemId = table.Column<Guid>(t.Guid),
            RingCases = table.Column<string>(t.Text, maxLength: 40000, nullable: true),
            AddedByOrganisation = table.Column<Guid>(t.Guid),
            AddedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_operation_targets", x => x.Id);
            table.ForeignKey("FK_operation_targets_operations_OperationId", x => x.OperationId, "operations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_operation_targets_OperationId_Kind_ItemId", "operation_targets", ["OperationId", "Kind", "ItemId"], unique: true);
        b.CreateTable("operation_tasks", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OperationId = table.Column<Guid>(t.Guid),
            Title = table.Column<string>(t.Text, maxLength: 500),
            AssigneeOrganisationId = table.Column<Guid>(t.Guid),
            DueAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            State = table.Column<string>(t.Text, maxLength: 16),
            Note = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            CreatedByOrganisation = table.Column<Guid>(t.Guid),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            ClosedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_operation_tasks", x => x.Id);
            table.ForeignKey("FK_operation_tasks_operations_OperationId", x => x.OperationId, "operations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_operation_tasks_OperationId", "operation_tasks", "OperationId");
        b.CreateTable("operation_results", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OperationId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Country = table.Column<string>(t.Text, maxLength: 2),
            Measure = table.Column<string>(t.Text, maxLength: 32),
            Quantity = table.Column<decimal>(t.Decimal),
            Currency = table.Column<string>(t.Text, maxLength: 3, nullable: true),
            Note = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            ReportedBy = table.Column<string>(t.Text, maxLength: 200),
            ReportedAt = table.Column<DateTimeOffset>(t.Timestamp),
            OriginNode = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            DateAdded = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_operation_results", x => x.Id);
            table.ForeignKey("FK_operation_results_operations_OperationId", x => x.OperationId, "operations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_operation_results_OperationId", "operation_results", "OperationId");
        b.CreateIndex("IX_operation_results_DateAdded", "operation_results", "DateAdded");
        b.CreateTable("operation_updates", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OperationId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Actor = table.Column<string>(t.Text, maxLength: 200),
            Kind = table.Column<string>(t.Text, maxLength: 32),
            Text = table.Column<string>(t.Text, maxLength: 2000),
            At = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_operation_updates", x => x.Id);
            table.ForeignKey("FK_operation_updates_operations_OperationId", x => x.OperationId, "operations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_operation_updates_OperationId", "operation_updates", "OperationId");
        b.AddColumn<Guid>("OperationId", "response_requests", t.Guid, nullable: true);
        // Bulletins travel to peers from now on, in date_added order with indicators; those published before stay here.
        b.AddColumn<DateTimeOffset>("DateAdded", "bulletins", t.Timestamp, nullable: true);
        b.AddColumn<string>("OriginNode", "bulletins", t.Text, maxLength: 200, nullable: true);
        b.AddColumn<bool>("PublicAdvice", "bulletins", t.Bool, nullable: false, defaultValue: false);
        b.CreateIndex("IX_bulletins_DateAdded", "bulletins", "DateAdded");
        b.CreateTable("bulletin_attachments", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            BulletinId = table.Column<Guid>(t.Guid),
            FileName = table.Column<string>(t.Text, maxLength: 255),
            MediaType = table.Column<string>(t.Text, maxLength: 127),
            Size = table.Column<long>(t.Long),
            Sha256 = table.Column<string>(t.Text, maxLength: 64),
            Content = table.Column<byte[]>(t.Bytes),
            Author = table.Column<string>(t.Text, maxLength: 200),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_bulletin_attachments", x => x.Id);
            table.ForeignKey("FK_bulletin_attachments_bulletins_BulletinId", x => x.BulletinId, "bulletins", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_bulletin_attachments_BulletinId", "bulletin_attachments", "BulletinId");
        b.CreateIndex("IX_response_requests_OperationId", "response_requests", "OperationId");
    }
}
