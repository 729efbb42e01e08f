using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Federation: the indicators' TAXII date_added and provenance, remote organisations, peers, statuses, kept objects.</summary>
public static class Schema006Federation
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.AddColumn<DateTimeOffset>("DateAdded", "indicators", t.Timestamp, nullable: true);
        // On SQLite the other times are EF's binary form (0.1 ms units above 11 offset bits) and DateAdded is UTC ticks.
        b.Sql(t == ColumnTypes.Sqlite
            ? "UPDATE indicators SET \"DateAdded\" = (\"UpdatedAt\" >> 11) * 1000"
            : "UPDATE indicators SET \"DateAdded\" = \"UpdatedAt\"");
        b.CreateIndex("IX_indicators_DateAdded_Id", "indicators", ["DateAdded", "Id"]);
        b.AddColumn<string>("OriginNode", "indicators", t.Text, maxLength: 200, nullable: true);
        b.AddColumn<string>("HomeNode", "organisations", t.Text, maxLength: 200, nullable: true);

        b.CreateTable("federation_peers", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Name = table.Column<string>(t.Text, maxLength: 200),
            OrganisationId = table.Column<Guid>(t.Guid),
            ApiRoot = table.Column<string>(t.Text, maxLength: 2048, nullable: true),
            CollectionId = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            Direction = table.Column<string>(t.Text, maxLength: 8),
            Username = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            Secret = table.Column<string>(t.Text, maxLength: 1000, nullable: true),
            AllowedTlps = table.Column<int>(t.Int),
            AllowedTypes = table.Column<int>(t.Int),
            AllowedCategories = table.Column<int>(t.Int),
            PullCursor = table.Column<string>(t.Text, maxLength: 40, nullable: true),
            PushCursor = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            Pulled = table.Column<long>(t.Long),
            Pushed = table.Column<long>(t.Long),
            LastRunAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            LastSuccessAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            LastError = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            ConsecutiveFailures = table.Column<int>(t.Int),
            RetryAfter = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_federation_peers", x => x.Id);
            table.ForeignKey("FK_federation_peers_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_federation_peers_Name", "federation_peers", "Name", unique: true);
        b.CreateIndex("IX_federation_peers_OrganisationId", "federation_peers", "OrganisationId", unique: true);

        b.CreateTable("taxii_statuses", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            RequestedAt = table.Column<DateTimeOffset>(t.Timestamp),
            Total = table.Column<int>(t.Int),
            Successes = table.Column<int>(t.Int),
            Failures = table.Column<int>(t.Int),
            Details = table.Column<string>(t.Text),
        }, constraints: table => table.PrimaryKey("PK_taxii_statuses", x => x.Id));

        b.CreateTable("kept_stix_objects", table => new
        {
            StixId = table.Column<string>(t.Text, maxLength: 300),
            Type = table.Column<string>(t.Text, maxLength: 250),
            OrganisationId = table.Column<Guid>(t.Guid),
            Tlp = table.Column<string>(t.Text, maxLength: 16),
            Modified = table.Column<DateTimeOffset>(t.Timestamp),
            Json = table.Column<string>(t.Text),
            Reason = table.Column<string>(t.Text, maxLength: 1000, nullable: true),
            OriginNode = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            ReceivedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_kept_stix_objects", x => x.StixId));
        b.CreateIndex("IX_kept_stix_objects_ReceivedAt", "kept_stix_objects", "ReceivedAt");
    }
}
