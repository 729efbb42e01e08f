using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261122000002_Indicators")]
public sealed class M002Indicators : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema002Indicators.Up(migrationBuilder, ColumnTypes.Sqlite);
}
