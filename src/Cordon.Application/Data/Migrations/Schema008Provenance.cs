using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>Provenance: the one peer that may speak for an organisation of another node.</summary>
public static class Schema008Provenance
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.AddColumn<string>("SpokenForBy", "organisations", t.Text, maxLength: 200, nullable: true);
        // Organisations known before this column: the node that introduced them is not recorded, their home node is.
        b.Sql("UPDATE organisations SET \"SpokenForBy\" = \"HomeNode\" WHERE \"HomeNode\" IS NOT NULL");
    }
}
