using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261207000011_Operations")]
public sealed class M011Operations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema011Operations.Up(migrationBuilder, ColumnTypes.Sqlite);
}
