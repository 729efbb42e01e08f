using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Feeds: scheduled imports of MISP feeds, lists, CSV, STIX bundles and remote TAXII collections.</summary>
public static class Schema007Feeds
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("feeds", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Name = table.Column<string>(t.Text, maxLength: 200),
            Kind = table.Column<string>(t.Text, maxLength: 8),
            Location = table.Column<string>(t.Text, maxLength: 2048),
            OrganisationId = table.Column<Guid>(t.Guid),
            Type = table.Column<string>(t.Text, maxLength: 16, nullable: true),
            Tlp = table.Column<string>(t.Text, maxLength: 16),
            CategoryFlags = table.Column<int>(t.Int),
            Confidence = table.Column<int>(t.Int),
            Distribution = table.Column<string>(t.Text, maxLength: 16),
            CollectionId = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            Username = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            Secret = table.Column<string>(t.Text, maxLength: 1000, nullable: true),
            IntervalMinutes = table.Column<int>(t.Int),
            Cursor = table.Column<string>(t.Text, nullable: true),
            LastRunAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            LastSuccessAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            LastError = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            LastRows = table.Column<long>(t.Long),
            LastCreated = table.Column<long>(t.Long),
            LastUpdated = table.Column<long>(t.Long),
            LastRejected = table.Column<long>(t.Long),
            LastRowErrors = table.Column<string>(t.Text, nullable: true),
            ConsecutiveFailures = table.Column<int>(t.Int),
            RetryAfter = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_feeds", x => x.Id);
            table.ForeignKey("FK_feeds_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_feeds_Name", "feeds", "Name", unique: true);
        b.CreateIndex("IX_feeds_OrganisationId", "feeds", "OrganisationId", unique: true);
    }
}
