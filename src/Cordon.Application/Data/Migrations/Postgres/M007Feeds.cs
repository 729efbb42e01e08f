using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Postgres;

[DbContext(typeof(PostgresCordonDb))]
[Migration("20261202000007_Feeds")]
public sealed class M007Feeds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema007Feeds.Up(migrationBuilder, ColumnTypes.Postgres);
}
