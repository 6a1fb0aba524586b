using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace SmsContacts.Tests.Data.FoldedChain;

/// <summary>
/// One row of <c>sqlite_master</c>: what kind of object, its name, the table it belongs to and its SQL. For a trigger,
/// <paramref name="Order"/> is its place among its table's triggers in the order they were created (SQLite fires a
/// table's triggers newest first, and the count triggers depend on it); 0 for everything else.
/// </summary>
public sealed record SchemaObject(string Type, string Name, string Table, string Sql, int Order = 0);

/// <summary>
/// The schema of a SQLite file as its <c>sqlite_master</c> rows, written as an executable file and read back.
/// It is how the migration chain folded into InitialSchema was captured (<c>dump-sqlite.sql</c>, made from the old
/// chain applied to a fresh file before it was removed) and how a database migrated today is compared with it.
/// Left out: what SQLite makes by itself (sqlite_sequence, the automatic indexes of UNIQUE and PRIMARY KEY constraints,
/// the shadow tables of an FTS5 table), so every block of the file runs as it stands on an empty file, in order:
/// tables, then indexes, then triggers and views, each sorted by name (a trigger's header also says its place among its
/// table's triggers, so <see cref="Create"/> makes them in the order the chain did).
/// </summary>
public static partial class SqliteSchemaDump
{
    private const string Header = "-- @ ";
    private static readonly string[] TypeOrder = ["table", "index", "trigger", "view"];
    private static readonly string[] Fts5Shadows = ["_data", "_idx", "_content", "_docsize", "_config"];

    /// <summary>Every object of the open database that its SQL makes, in the dump's order.</summary>
    public static IReadOnlyList<SchemaObject> Read(SqliteConnection connection)
    {
        var rows = new List<SchemaObject>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid";
            using var reader = command.ExecuteReader();
            var triggers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                var (type, table) = (reader.GetString(0), reader.GetString(2));
                var order = type == "trigger" ? triggers[table] = triggers.GetValueOrDefault(table) + 1 : 0;
                rows.Add(new SchemaObject(type, reader.GetString(1), table, reader.GetString(3), order));
            }
        }

        var virtualTables = rows.Where(r => r.Type == "table" && r.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return rows
            .Where(r => !(r.Type == "table" && virtualTables.Any(v => Fts5Shadows.Any(s => string.Equals(r.Name, v + s, StringComparison.OrdinalIgnoreCase)))))
            .OrderBy(r => Array.IndexOf(TypeOrder, r.Type)).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The objects as a file: each one a header line (<c>-- @ type name tbl_name order</c>) and its SQL, as stored.</summary>
    public static string Write(IEnumerable<SchemaObject> objects, string preamble)
    {
        var text = new StringBuilder(preamble);
        foreach (var o in objects)
        {
            text.Append(Header).Append(o.Type).Append(' ').Append(o.Name).Append(' ').Append(o.Table).Append(' ').Append(o.Order).Append('\n');
            text.Append(o.Sql.ReplaceLineEndings("\n")).Append(";\n");
        }

        return text.ToString();
    }

    /// <summary>Reads back what <see cref="Write"/> wrote; lines before the first header are the preamble.</summary>
    public static IReadOnlyList<SchemaObject> Parse(string file)
    {
        var objects = new List<SchemaObject>();
        string[]? head = null;
        var sql = new StringBuilder();
        foreach (var line in file.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(Header, StringComparison.Ordinal))
            {
                Flush();
                head = line[Header.Length..].Split(' ');
                continue;
            }

            if (head is not null)
            {
                sql.Append(line).Append('\n');
            }
        }

        Flush();
        return objects;

        void Flush()
        {
            if (head is null)
            {
                return;
            }

            var text = sql.ToString().TrimEnd();
            objects.Add(new SchemaObject(head[0], head[1], head[2], text.EndsWith(';') ? text[..^1] : text, int.Parse(head[3], System.Globalization.CultureInfo.InvariantCulture)));
            sql.Clear();
        }
    }

    /// <summary>Runs every object's SQL on the open (empty) database, in the dump's order (a table's triggers in their <see cref="SchemaObject.Order"/>).</summary>
    public static void Create(SqliteConnection connection, IEnumerable<SchemaObject> objects)
    {
        foreach (var o in objects.OrderBy(o => Array.IndexOf(TypeOrder, o.Type)).ThenBy(o => o.Order))
        {
            using var command = connection.CreateCommand();
            command.CommandText = o.Sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The SQL as compared: whitespace runs made one space and none inside brackets, identifiers unquoted.
    /// Neither changes what the statement makes; both differ between a table EF created and one ALTER TABLE grew.
    /// </summary>
    public static string Normalise(string sql)
    {
        var text = Whitespace().Replace(sql, " ").Trim();
        text = QuotedIdentifier().Replace(text, m => m.Groups[1].Value);
        text = text.Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// An object as compared: its kind, name, table, place among its table's triggers and <see cref="Normalise"/>d SQL; a
    /// table's columns and constraints sorted, without a DEFAULT of a constant. ALTER TABLE ADD COLUMN appends a column
    /// where CREATE TABLE lists it in the model's order, and gives a NOT NULL column the DEFAULT (0 or '') it needs to fill
    /// the rows already there. The model has no defaults: EF writes every column, and so must SQL written by hand (the fold
    /// found three INSERTs into Messages that left IsOptOutConfirmation to the chain's DEFAULT; they now write it).
    /// </summary>
    public static string Comparable(SchemaObject o)
    {
        var sql = Normalise(o.Sql);
        if (o.Type == "table" && !sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase))
        {
            var open = sql.IndexOf('(', StringComparison.Ordinal);
            var close = sql.LastIndexOf(')');
            var items = SplitTopLevel(sql[(open + 1)..close]).Select(i => ConstantDefault().Replace(i.Trim(), "")).Order(StringComparer.Ordinal);
            sql = $"{sql[..open].TrimEnd()} ({string.Join(", ", items)}){sql[(close + 1)..]}";
        }

        return $"{o.Type} {o.Name} ON {o.Table} #{o.Order}: {sql}";
    }

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var (depth, start) = (0, 0);
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return list[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return list[start..];
    }

    [GeneratedRegex(@" DEFAULT ('[^']*'|-?[0-9]+(\.[0-9]+)?)$")]
    private static partial Regex ConstantDefault();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"""(\w+)""")]
    private static partial Regex QuotedIdentifier();
}
