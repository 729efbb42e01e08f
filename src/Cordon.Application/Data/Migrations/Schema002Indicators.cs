using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Observables, indicators (one per organisation and observable), their communities, sightings and false positives.</summary>
public static class Schema002Indicators
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("observables", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Type = table.Column<string>(t.Text, maxLength: 16),
            Value = table.Column<string>(t.Text, maxLength: 2048),
            Display = table.Column<string>(t.Text, maxLength: 2048),
            RegistrableDomain = table.Column<string>(t.Text, maxLength: 253, nullable: true),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_observables", x => x.Id));
        b.CreateIndex("IX_observables_Type_Value", "observables", ["Type", "Value"], unique: true);
        b.CreateIndex("IX_observables_RegistrableDomain", "observables", "RegistrableDomain");

        b.CreateTable("indicators", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            ObservableId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            OriginalValue = table.Column<string>(t.Text, maxLength: 2048),
            CategoryFlags = table.Column<int>(t.Int),
            Confidence = table.Column<int>(t.Int),
            FirstSeen = table.Column<DateTimeOffset>(t.Timestamp),
            LastSeen = table.Column<DateTimeOffset>(t.Timestamp),
            ValidUntil = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            Tlp = table.Column<string>(t.Text, maxLength: 16),
            Distribution = table.Column<string>(t.Text, maxLength: 16),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            UpdatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            RevokedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_indicators", x => x.Id);
            table.ForeignKey("FK_indicators_observables_ObservableId", x => x.ObservableId, "observables", "Id",
                onDelete: ReferentialAction.Restrict);
            table.ForeignKey("FK_indicators_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_indicators_ObservableId_OrganisationId", "indicators", ["ObservableId", "OrganisationId"], unique: true);
        b.CreateIndex("IX_indicators_OrganisationId", "indicators", "OrganisationId");

        b.CreateTable("indicator_communities", table => new
        {
            IndicatorId = table.Column<Guid>(t.Guid),
            CommunityId = table.Column<Guid>(t.Guid),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_indicator_communities", x => new { x.IndicatorId, x.CommunityId });
            table.ForeignKey("FK_indicator_communities_indicators_IndicatorId", x => x.IndicatorId, "indicators", "Id",
                onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_indicator_communities_communities_CommunityId", x => x.CommunityId, "communities", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_indicator_communities_CommunityId", "indicator_communities", "CommunityId");

        b.CreateTable("sightings", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            IndicatorId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            SeenAt = table.Column<DateTimeOffset>(t.Timestamp),
            Count = table.Column<int>(t.Int),
            Where = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_sightings", x => x.Id);
            table.ForeignKey("FK_sightings_indicators_IndicatorId", x => x.IndicatorId, "indicators", "Id",
                onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_sightings_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_sightings_IndicatorId", "sightings", "IndicatorId");

        b.CreateTable("false_positive_reports", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            IndicatorId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Reason = table.Column<string>(t.Text, maxLength: 1000),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_false_positive_reports", x => x.Id);
            table.ForeignKey("FK_false_positive_reports_indicators_IndicatorId", x => x.IndicatorId, "indicators", "Id",
                onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_false_positive_reports_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_false_positive_reports_IndicatorId", "false_positive_reports", "IndicatorId");
    }
}
