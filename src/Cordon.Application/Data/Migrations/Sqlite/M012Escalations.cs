using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261208000012_Escalations")]
public sealed class M012Escalations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema012Escalations.Up(migrationBuilder, ColumnTypes.Sqlite);
}
