using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Organisations, communities, users, API keys and the audit chain.</summary>
public static class Schema001Members
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.CreateTable("organisations", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Name = table.Column<string>(t.Text, maxLength: 200),
            Sector = table.Column<string>(t.Text, maxLength: 32),
            Country = table.Column<string>(t.Text, maxLength: 2),
            IsNodeOperator = table.Column<bool>(t.Bool),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_organisations", x => x.Id));
        b.CreateIndex("IX_organisations_Name", "organisations", "Name", unique: true);

        b.CreateTable("communities", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Name = table.Column<string>(t.Text, maxLength: 200),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_communities", x => x.Id));
        b.CreateIndex("IX_communities_Name", "communities", "Name", unique: true);

        b.CreateTable("community_members", table => new
        {
            CommunityId = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_community_members", x => new { x.CommunityId, x.OrganisationId });
            table.ForeignKey("FK_community_members_communities_CommunityId", x => x.CommunityId, "communities", "Id",
                onDelete: ReferentialAction.Cascade);
            table.ForeignKey("FK_community_members_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_community_members_OrganisationId", "community_members", "OrganisationId");

        b.CreateTable("users", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Email = table.Column<string>(t.Text, maxLength: 254),
            DisplayName = table.Column<string>(t.Text, maxLength: 200),
            RoleFlags = table.Column<int>(t.Int),
            PasswordHash = table.Column<string>(t.Text, nullable: true),
            FailedSignIns = table.Column<int>(t.Int),
            LockedUntil = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            DisabledAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_users", x => x.Id);
            table.ForeignKey("FK_users_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_users_Email", "users", "Email", unique: true);
        b.CreateIndex("IX_users_OrganisationId", "users", "OrganisationId");

        b.CreateTable("api_keys", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            OrganisationId = table.Column<Guid>(t.Guid),
            Name = table.Column<string>(t.Text, maxLength: 200),
            RoleFlags = table.Column<int>(t.Int),
            Prefix = table.Column<string>(t.Text, maxLength: 16),
            Salt = table.Column<byte[]>(t.Bytes),
            Hash = table.Column<byte[]>(t.Bytes),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
            LastUsedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
            RevokedAt = table.Column<DateTimeOffset>(t.Timestamp, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_api_keys", x => x.Id);
            table.ForeignKey("FK_api_keys_organisations_OrganisationId", x => x.OrganisationId, "organisations", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        b.CreateIndex("IX_api_keys_Prefix", "api_keys", "Prefix");
        b.CreateIndex("IX_api_keys_OrganisationId", "api_keys", "OrganisationId");

        b.CreateTable("audit_records", table => new
        {
            Sequence = table.Column<long>(t.Long),
            At = table.Column<DateTimeOffset>(t.Timestamp),
            OrganisationId = table.Column<Guid>(t.Guid),
            ActorKind = table.Column<string>(t.Text, maxLength: 16),
            ActorId = table.Column<string>(t.Text, maxLength: 64),
            Action = table.Column<string>(t.Text, maxLength: 64),
            ItemType = table.Column<string>(t.Text, maxLength: 64),
            ItemIds = table.Column<string>(t.Text),
            Details = table.Column<string>(t.Text),
            PreviousHash = table.Column<string>(t.Text, maxLength: 64),
            Hash = table.Column<string>(t.Text, maxLength: 64),
        }, constraints: table => table.PrimaryKey("PK_audit_records", x => x.Sequence));
        b.CreateIndex("IX_audit_records_OrganisationId", "audit_records", "OrganisationId");

        b.CreateTable("audit_head", table => new
        {
            Id = table.Column<int>(t.Int),
            Sequence = table.Column<long>(t.Long),
            Hash = table.Column<string>(t.Text, maxLength: 64),
        }, constraints: table => table.PrimaryKey("PK_audit_head", x => x.Id));
    }
}
