using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Bulletins: modus-operandi alerts in several languages, with links, communities and acknowledgements.</summary>
public static class Schema010Bulletins
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("bulletins", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Author = table.Column<string>(t.Text, maxLength: 200),
            Severity = table.Column<string>(t.Text, maxLength: 16),
            CategoryFlags = table.Column<int>(t.Int),
            Countries = table.Column<string>(t.Text, maxLength: 800),
            Sectors = table.Column<string>(t.Text, maxLength: 200),
            Tlp = table.Column<string>(t.Text, maxLength: 16),
            Distribution = table.Column<string>(t.Text, maxLength: 16),
            PublishedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_bulletins", x => x.Id);
            table.ForeignKey("FK_bulletins_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_bulletins_PublishedAt", "bulletins", "PublishedAt");
        b.CreateIndex("IX_bulletins_OrganisationId", "bulletins", "OrganisationId");
        b.CreateTable("bulletin_communities", table => new
        {
            BulletinId = table.Column<Guid>(t.Guid),
            CommunityId = table.Column<Guid>(t.Guid),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_bulletin_communities", x => new { x.BulletinId, x.CommunityId });
            table.ForeignKey("FK_bulletin_communities_bulletins_BulletinId", x => x.BulletinId, "bulletins", "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_bulletin_communities_communities_CommunityId", x => x.CommunityId, "communities", "Id", onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_bulletin_communities_CommunityId", "bulletin_communities", "CommunityId");
        b.CreateTable("bulletin_texts", table => new
        {
            BulletinId = table.Column<Guid>(t.Guid),
            Language = table.Column<string>(t.Text, maxLength: 16),
            Title = table.Column<string>(t.Text, maxLength: 200),
            Summary = table.Column<string>(t.Text, maxLength: 1000),
            Body = table.Column<string>(t.Text, maxLength: 20000),
            Actions = table.Column<string>(t.Text, maxLength: 4000, nullable: true),
            AddedByOrganisation = table.Column<Guid>(t.Guid),
            AddedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_bulletin_texts", x => new { x.BulletinId, x.Language });
            table.ForeignKey("FK_bulletin_texts_bulletins_BulletinId", x => x.BulletinId, "bulletins", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateTable("bulletin_links", table => new
        {
            BulletinId = table.Column<Guid>(t.Guid),
            ItemType = table.Column<string>(t.Text, maxLength: 16),
            ItemId = table.Column<Guid>(t.Guid),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_bulletin_links", x => new { x.BulletinId, x.ItemType, x.ItemId });
            table.ForeignKey("FK_bulletin_links_bulletins_BulletinId", x => x.BulletinId, "bulletins", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateTable("bulletin_acknowledgements", table => new
        {
            BulletinId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Kind = table.Column<string>(t.Text, maxLength: 16),
            Note = table.Column<string>(t.Text, maxLength: 2000, nullable: true),
            By = table.Column<string>(t.Text, maxLength: 200),
            At = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_bulletin_acknowledgements", x => new { x.BulletinId, x.OrganisationId, x.Kind });
            table.ForeignKey("FK_bulletin_acknowledgements_bulletins_BulletinId", x => x.BulletinId, "bulletins", "Id", onDelete: ReferentialAction.Cascade);
        });
    }
}
