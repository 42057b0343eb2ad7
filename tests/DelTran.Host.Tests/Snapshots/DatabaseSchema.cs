using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace DelTran.Host.Tests.Snapshots;

/// <summary>
/// A database's schema as comparable text: what a migrated database holds, with the order in which columns were added
/// taken out (a column added by a later migration comes last, the same column in a baseline comes in the model's order,
/// and no query or mapping depends on that order). Everything else stays: types, nullability, defaults, keys, indexes
/// with their filters, foreign keys, functions and triggers.
/// </summary>
public static class DatabaseSchema
{
    /// <summary>pg_dump --schema-only text without its comments, session settings and per-run tokens; columns sorted.</summary>
    public static string FromPostgresDump(string dump)
    {
        ArgumentNullException.ThrowIfNull(dump);
        var canonical = new StringBuilder();
        List<string>? columns = null;
        foreach (string raw in dump.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (columns is not null)
            {
                if (line == ");")
                {
                    foreach (string column in columns.Order(StringComparer.Ordinal))
                    {
                        canonical.Append("    ").Append(column).Append('\n');
                    }

                    canonical.Append(");\n");
                    columns = null;
                }
                else
                {
                    columns.Add(line.Trim().TrimEnd(','));
                }

                continue;
            }

            if (line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("SET ", StringComparison.Ordinal)
                || line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) || line.StartsWith('\\'))
            {
                continue;
            }

            canonical.Append(line).Append('\n');
            if (line.StartsWith("CREATE TABLE ", StringComparison.Ordinal) && line.EndsWith('('))
            {
                columns = [];
            }
        }

        return canonical.ToString();
    }

    /// <summary>
    /// An SQLite database's tables (columns by name, with type, NOT NULL, default and key position), indexes (columns in
    /// order, uniqueness, filter), foreign keys and triggers, read through its PRAGMAs and sqlite_master.
    /// </summary>
    public static string FromSqlite(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        var text = new StringBuilder();
        foreach (string table in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            text.Append("table ").Append(table).Append('\n');
            foreach (string column in Rows(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')").Order(StringComparer.Ordinal))
            {
                text.Append("  column ").Append(column).Append('\n');
            }

            foreach (string key in Rows(connection, $"SELECT \"from\", \"table\", \"to\", on_update, on_delete, \"match\" FROM pragma_foreign_key_list('{table}')").Order(StringComparer.Ordinal))
            {
                text.Append("  foreign key ").Append(key).Append('\n');
            }

            foreach (string index in Strings(connection, $"SELECT name FROM pragma_index_list('{table}') ORDER BY name"))
            {
                string shape = Rows(connection, $"SELECT \"unique\", origin, partial FROM pragma_index_list('{table}') WHERE name = '{index}'").Single();
                string columns = string.Join(", ", Strings(connection, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno"));
                string definition = Strings(connection, $"SELECT coalesce(sql, '') FROM sqlite_master WHERE type = 'index' AND name = '{index}'").SingleOrDefault() ?? "";
                text.Append("  index ").Append(index).Append(" | ").Append(shape).Append(" | (").Append(columns).Append(") | ").Append(definition).Append('\n');
            }
        }

        foreach (string trigger in Rows(connection, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"))
        {
            text.Append("trigger ").Append(trigger).Append('\n');
        }

        return text.ToString();
    }

    private static List<string> Strings(SqliteConnection connection, string sql) => Rows(connection, sql);

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
