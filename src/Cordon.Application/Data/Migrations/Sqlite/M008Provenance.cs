using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261207000008_Provenance")]
public sealed class M008Provenance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema008Provenance.Up(migrationBuilder, ColumnTypes.Sqlite);
}
