using System.Globalization;
using Npgsql;

namespace DelTran.Host.Tests.Support;

/// <summary>One value read straight from a test's PostgreSQL database, for the tests that look under the service.</summary>
public static class Sql
{
    public static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql)
    {
        await using NpgsqlCommand command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<string> TextAsync(NpgsqlDataSource data, string sql)
    {
        await using NpgsqlCommand command = data.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>The first column of the first row, or null when there is no row or it holds NULL.</summary>
    public static async Task<string?> TextOrNullAsync(NpgsqlDataSource data, string sql)
    {
        await using NpgsqlCommand command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    }
}
