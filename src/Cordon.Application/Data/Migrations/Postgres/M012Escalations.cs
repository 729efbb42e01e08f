using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Postgres;

[DbContext(typeof(PostgresCordonDb))]
[Migration("20261208000012_Escalations")]
public sealed class M012Escalations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema012Escalations.Up(migrationBuilder, ColumnTypes.Postgres);
}
