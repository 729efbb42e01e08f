using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Cases (victim reports) with their identifiers, notes and attachments; values marked non-correlating.</summary>
public static class Schema005Cases
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("cases", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Category = table.Column<string>(t.Text, maxLength: 32),
            LossAmount = table.Column<decimal>(t.Decimal),
            LossCurrency = table.Column<string>(t.Text, maxLength: 3),
            VictimCountry = table.Column<string>(t.Text, maxLength: 2),
            OccurredAt = table.Column<DateTimeOffset>(t.Timestamp),
            Reference = table.Column<string>(t.Text, maxLength: 200, nullable: true),
            Summary = table.Column<string>(t.Text, maxLength: 4000, nullable: true),
            Status = table.Column<string>(t.Text, maxLength: 32),
            Tlp = table.Column<string>(t.Text, maxLength: 16),
            Distribution = table.Column<string>(t.Text, maxLength: 16),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            UpdatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_cases", x => x.Id);
            table.ForeignKey("FK_cases_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_cases_OrganisationId", "cases", "OrganisationId");

        b.CreateTable("case_communities", table => new
        {
            CaseId = table.Column<Guid>(t.Guid),
            CommunityId = table.Column<Guid>(t.Guid),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_case_communities", x => new { x.CaseId, x.CommunityId });
            table.ForeignKey("FK_case_communities_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_case_communities_communities_CommunityId", x => x.CommunityId, "communities", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_case_communities_CommunityId", "case_communities", "CommunityId");

        b.CreateTable("case_identifiers", table => new
        {
            CaseId = table.Column<Guid>(t.Guid),
            ObservableId = table.Column<Guid>(t.Guid),
            Sequence = table.Column<long>(t.Long),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_case_identifiers", x => new { x.CaseId, x.ObservableId });
            table.ForeignKey("FK_case_identifiers_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_case_identifiers_observables_ObservableId", x => x.ObservableId, "observables", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_case_identifiers_ObservableId", "case_identifiers", "ObservableId");
        b.CreateIndex("IX_case_identifiers_Sequence", "case_identifiers", "Sequence");

        b.CreateTable("case_notes", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            CaseId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Author = table.Column<string>(t.Text, maxLength: 200),
            Text = table.Column<string>(t.Text, maxLength: 4000),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_case_notes", x => x.Id);
            table.ForeignKey("FK_case_notes_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_case_notes_CaseId", "case_notes", "CaseId");

        b.CreateTable("case_attachments", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            CaseId = table.Column<Guid>(t.Guid),
            FileName = table.Column<string>(t.Text, maxLength: 255),
            MediaType = table.Column<string>(t.Text, maxLength: 127),
            Size = table.Column<long>(t.Long),
            Sha256 = table.Column<string>(t.Text, maxLength: 64),
            Content = table.Column<byte[]>(t.Bytes),
            Author = table.Column<string>(t.Text, maxLength: 200),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_case_attachments", x => x.Id);
            table.ForeignKey("FK_case_attachments_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_case_attachments_CaseId", "case_attachments", "CaseId");

        b.CreateTable("non_correlating_observables", table => new
        {
            ObservableId = table.Column<Guid>(t.Guid),
            Reason = table.Column<string>(t.Text, maxLength: 1000),
            MarkedBy = table.Column<string>(t.Text, maxLength: 200),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_non_correlating_observables", x => x.ObservableId);
            table.ForeignKey("FK_non_correlating_observables_observables_ObservableId", x => x.ObservableId, "observables", "Id",
                onDelete: ReferentialAction.Cascade);
        });
    }
}
