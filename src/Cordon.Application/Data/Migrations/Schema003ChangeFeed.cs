using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations;

/// <summary>The indicators' change sequence, followed by the screening index of every instance.</summary>
public static class Schema003ChangeFeed
{
    public static void Up(MigrationBuilder b, ColumnTypes t)
    {
        b.AddColumn<long>("ChangeSequence", "indicators", t.Long, nullable: false, defaultValue: 0L);
        b.CreateIndex("IX_indicators_ChangeSequence", "indicators", "ChangeSequence");
    }
}
