using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261207000010_Bulletins")]
public sealed class M010Bulletins : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema010Bulletins.Up(migrationBuilder, ColumnTypes.Sqlite);
}
