using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Interceptions: screenings with a channel (payment, call, message…) and the outcome the member reported.</summary>
public static class Schema013Interceptions
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("interceptions", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Channel = table.Column<string>(t.Text, maxLength: 16),
            Outcome = table.Column<string>(t.Text, maxLength: 16),
            Verdict = table.Column<string>(t.Text, maxLength: 16),
            CategoryFlags = table.Column<int>(t.Int),
            IdentifierType = table.Column<string>(t.Text, maxLength: 32),
            Amount = table.Column<decimal>(t.Decimal, nullable: true),
            Currency = table.Column<string>(t.Text, maxLength: 3, nullable: true),
            ScreenedAt = table.Column<DateTimeOffset>(t.Timestamp),
            ReportedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_interceptions", x => x.Id);
            table.ForeignKey("FK_interceptions_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_interceptions_OrganisationId_ScreenedAt", "interceptions", ["OrganisationId", "ScreenedAt"]);
        b.CreateIndex("IX_interceptions_ScreenedAt", "interceptions", "ScreenedAt");
    }
}
