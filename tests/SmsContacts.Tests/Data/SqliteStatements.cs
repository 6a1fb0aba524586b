using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The SELECTs the app runs on one test app's SQLite file, caught as EF runs them, and SQLite's plan of each: how the plan
/// tests check that a page or an action reads by key or index range, whatever the size of the tables.
/// </summary>
internal static class SqliteStatements
{
    /// <summary>The SELECTs run on <paramref name="app"/>'s database while <paramref name="work"/> runs, each once, with the parameters it ran with.</summary>
    public static async Task<List<(string Sql, (string Name, object? Value)[] Parameters)>> CaptureAsync(AppFactory app, Func<Task> work)
    {
        var database = Path.GetFullPath(app.DataDirectory);
        var seen = new ConcurrentDictionary<string, (string Name, object? Value)[]>();
        using var listening = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData { Command: SqliteCommand command }
                        && command.Connection?.DataSource is { } source && Path.GetFullPath(source).StartsWith(database, StringComparison.Ordinal)
                        && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                    {
                        seen.TryAdd(command.CommandText, command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray());
                    }
                }));
            }
        }));
        await work();
        return seen.Select(s => (s.Key, s.Value)).ToList();
    }

    /// <summary>The steps ("detail" column) of SQLite's EXPLAIN QUERY PLAN of <paramref name="sql"/> with its parameters, on the app's database.</summary>
    public static async Task<List<string>> PlanAsync(AppFactory app, string sql, (string Name, object? Value)[] parameters)
    {
        return await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return await PlanAsync(db.Database.GetDbConnection(), sql, parameters);
        });
    }

    /// <summary>
    /// The same on an open <paramref name="connection"/> (one holding the temp tables a statement reads); a parameter given
    /// no value is bound to NULL.
    /// </summary>
    /// <summary>
    /// SQLite's plan of each grid statement (its @parameters bound to null) on the test app's file: at least one step searches
    /// an index (a B-tree's, or the search index's, a virtual table), and no step scans a table or sorts, except the steps
    /// <paramref name="allowed"/> lets through.
    /// </summary>
    public static async Task AssertEachSearchesAnIndexAsync(AppFactory app, IEnumerable<string> statements, Func<string, bool>? allowed = null)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "smscontacts.db")}");
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            var names = System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct();
            var steps = await PlanAsync(connection, sql, names.Select(n => (n, (object?)null)));
            Assert.True(steps.Count > 0 && steps.All(s => (!s.StartsWith("SCAN", StringComparison.Ordinal) && !s.Contains("TEMP B-TREE", StringComparison.Ordinal)) || allowed?.Invoke(s) == true),
                $"{sql}\n{string.Join("\n", steps)}");
            Assert.Contains(steps, s => s.StartsWith("SEARCH", StringComparison.Ordinal) || s.Contains("VIRTUAL TABLE INDEX", StringComparison.Ordinal));
        }
    }

    public static async Task<List<string>> PlanAsync(DbConnection connection, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return steps;
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
