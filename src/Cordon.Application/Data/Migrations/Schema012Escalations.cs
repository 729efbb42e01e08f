using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>The escalation ladder's steps taken for each missed deadline of a request.</summary>
public static class Schema012Escalations
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("request_escalations", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            RequestId = table.Column<Guid>(t.Guid),
            Breach = table.Column<string>(t.Text, maxLength: 16),
            Step = table.Column<int>(t.Int),
            Target = table.Column<string>(t.Text, maxLength: 32),
            OrganisationId = table.Column<Guid>(t.Guid, nullable: true),
            At = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_request_escalations", x => x.Id);
            table.ForeignKey("FK_request_escalations_response_requests_RequestId", x => x.RequestId, "response_requests", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_request_escalations_RequestId_Breach_Step", "request_escalations", ["RequestId", "Breach", "Step"], unique: true);
        b.CreateIndex("IX_request_escalations_OrganisationId", "request_escalations", "OrganisationId");
    }
}
