using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>
/// The audit log as a transparency log: its Merkle tree (kept subtrees and the head's right edge), item content
/// hashes, the node's signing key, witness reports received, and what this node witnessed of each peer's log. Records
/// kept before are put in the tree at start (AuditTreeBackfill), in code, as SQLite has no SHA-256.
/// </summary>
public static class Schema009Transparency
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.AddColumn<string>("ContentDigest", "audit_records", t.Text, maxLength: 64, nullable: true);
        b.AddColumn<long>("TreeSize", "audit_head", t.Long, nullable: false, defaultValue: 0L);
        b.AddColumn<string>("TreeFrontier", "audit_head", t.Text, nullable: true);
        b.CreateTable("audit_tree", table => new
        {
            Level = table.Column<int>(t.Int),
            Index = table.Column<long>(t.Long),
            Hash = table.Column<string>(t.Text, maxLength: 64),
        }, constraints: table => table.PrimaryKey("PK_audit_tree", x => new { x.Level, x.Index }));
        b.CreateTable("audit_contents", table => new
        {
            ItemId = table.Column<Guid>(t.Guid),
            Sequence = table.Column<long>(t.Long),
            ItemType = table.Column<string>(t.Text, maxLength: 64),
            ContentHash = table.Column<string>(t.Text, maxLength: 64),
        }, constraints: table => table.PrimaryKey("PK_audit_contents", x => new { x.ItemId, x.Sequence }));
        b.CreateIndex("IX_audit_contents_Sequence", "audit_contents", "Sequence");
        b.CreateTable("audit_signing_key", table => new
        {
            Id = table.Column<int>(t.Int),
            KeyId = table.Column<string>(t.Text, maxLength: 64),
            PublicKey = table.Column<string>(t.Text),
            SealedPrivateKey = table.Column<string>(t.Text),
            CreatedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_audit_signing_key", x => x.Id));
        b.CreateTable("audit_witness_reports", table => new
        {
            Id = table.Column<Guid>(t.Guid),
            Witness = table.Column<string>(t.Text, maxLength: 200),
            Size = table.Column<long>(t.Long),
            RootHash = table.Column<string>(t.Text, maxLength: 64),
            WitnessHead = table.Column<string>(t.Text),
            Consistent = table.Column<bool>(t.Bool),
            ReceivedAt = table.Column<DateTimeOffset>(t.Timestamp),
        }, constraints: table => table.PrimaryKey("PK_audit_witness_reports", x => x.Id));
        b.CreateIndex("IX_audit_witness_reports_Witness_ReceivedAt", "audit_witness_reports", ["Witness", "ReceivedAt"]);
        b.AddColumn<string>("AuditHead", "federation_peers", t.Text, nullable: true);
        b.AddColumn<string>("AuditAlarm", "federation_peers", t.Text, maxLength: 2000, nullable: true);
        b.AddColumn<DateTimeOffset>("AuditCheckedAt", "federation_peers", t.Timestamp, nullable: true);
    }
}
