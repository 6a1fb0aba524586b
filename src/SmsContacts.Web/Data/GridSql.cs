using System.Globalization;
using System.Text;

namespace SmsContacts.Web.Data;

/// <summary>
/// The few places where the grid's SQL differs between providers. The statements themselves are built once,
/// by <see cref="GridWalk"/> and <see cref="ContactRepository"/>, so SQLite and SQL Server run the same plan:
/// the same index (named, so the planner cannot pick another), the same join order, the same paging.
/// SQLite's dialect is <see cref="SqliteGridDialect"/>; SQL Server's is <see cref="SqlServerSql.Grid"/>.
/// </summary>
public abstract class GridDialect
{
    /// <summary>Written after "Table AS alias": makes the statement use that index (and fail if it cannot).</summary>
    public abstract string Index(string index);

    /// <summary>Joins <paramref name="tableAndAlias"/> as the inner side of a nested loop, in the order written.</summary>
    /// <returns>The join clause and a term for the WHERE clause (empty when the join carries its own ON).</returns>
    public abstract (string Join, string Where) LoopJoin(string tableAndAlias, string on);

    /// <summary>True when <paramref name="column"/> contains the digits in @search (a residual check on an index entry).</summary>
    public abstract string Contains(string column);

    /// <summary>How many of the sender code's subscriptions, or the list's, have a phone containing the digits (see <see cref="SearchParameters"/>).</summary>
    public abstract string CountContaining(bool inList);

    /// <summary>The ids of those subscriptions, from the search index.</summary>
    public abstract string SubscriptionIdsContaining(bool inList);

    /// <summary>The parameters of <see cref="CountContaining"/> and <see cref="SubscriptionIdsContaining"/>.</summary>
    public abstract (string Name, object Value)[] SearchParameters(string digits, int senderCodeId, int? listId);

    /// <summary>
    /// The ids of the subscriptions (of the sender code, or the list) whose phone contains the digits somewhere other
    /// than at its start, from the search index: those starting with them (with or without the country code, the
    /// search's <see cref="PhoneSearch.LeadingRanges"/>) left out. See <see cref="SearchElsewhereParameters"/>.
    /// </summary>
    public abstract string SubscriptionIdsContainingElsewhere(bool inList, int leadingRanges);

    /// <summary>The parameters of <see cref="SubscriptionIdsContainingElsewhere"/>.</summary>
    public abstract (string Name, object Value)[] SearchElsewhereParameters(PhoneSearch search, int senderCodeId, int? listId);

    /// <summary>ORDER BY and the page: @offset rows skipped, @limit taken.</summary>
    public abstract string OrderAndPage(string orderBy);

    /// <summary>The column, made unusable for an index lookup where the dialect needs that to keep the intended plan.</summary>
    public abstract string NoIndex(string column);

    /// <summary>The first <paramref name="length"/> characters.</summary>
    public abstract string Left(string expression, int length);

    /// <summary>The UTC day of a stored UTC instant (SQLite: 'yyyy-MM-dd' text; SQL Server: a date): the same for equal days.</summary>
    public abstract string DayOf(string instant);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>SQLite: INDEXED BY, CROSS JOIN (which SQLite never reorders), instr, the FTS5 trigram index, LIMIT/OFFSET.</summary>
public sealed class SqliteGridDialect : GridDialect
{
    public static readonly SqliteGridDialect Instance = new();

    public override string Index(string index) => $"INDEXED BY {index}";

    public override (string Join, string Where) LoopJoin(string tableAndAlias, string on) => ($"CROSS JOIN {tableAndAlias}", on);

    public override string Contains(string column) => $"instr({column}, @search) > 0";

    public override string CountContaining(bool inList) =>
        $"SELECT count(*) FROM {GridTriggers.SqlitePhoneSearchTable} WHERE {GridTriggers.SqlitePhoneSearchTable} MATCH @searchIds AND rowid >= @rowidFrom AND rowid < @rowidTo";

    public override string SubscriptionIdsContaining(bool inList) =>
        $"SELECT rowid - @rowidFrom FROM {GridTriggers.SqlitePhoneSearchTable} WHERE {GridTriggers.SqlitePhoneSearchTable} MATCH @searchIds AND rowid >= @rowidFrom AND rowid < @rowidTo";

    /// <summary>The phone phrase (and the list's token) in one FTS5 query, within the sender code's range of rowids.</summary>
    public override (string Name, object Value)[] SearchParameters(string digits, int senderCodeId, int? listId) =>
    [
        ("@searchIds", GridTriggers.SqliteMatch(digits, listId)),
        ("@rowidFrom", GridTriggers.RowidOf(senderCodeId, 0)),
        ("@rowidTo", GridTriggers.RowidOf(senderCodeId + 1, 0)),
    ];

    public override string SubscriptionIdsContainingElsewhere(bool inList, int leadingRanges) => SubscriptionIdsContaining(inList);

    /// <summary>
    /// One FTS5 query: the phone phrase (and the list's token) NOT the phrases of the leading prefixes ("+130", "+1130"):
    /// a "+" is only ever a number's first character, so a number holds such a phrase exactly when it starts with it.
    /// </summary>
    public override (string Name, object Value)[] SearchElsewhereParameters(PhoneSearch search, int senderCodeId, int? listId) =>
    [
        ("@searchIds", $"({GridTriggers.SqliteMatch(search.Digits, listId)}) NOT ({string.Join(" OR ", search.LeadingRanges.Select(r => $"Phone : \"{r.Low}\""))})"),
        ("@rowidFrom", GridTriggers.RowidOf(senderCodeId, 0)),
        ("@rowidTo", GridTriggers.RowidOf(senderCodeId + 1, 0)),
    ];

    public override string OrderAndPage(string orderBy) => $"ORDER BY {orderBy} LIMIT @limit OFFSET @offset";

    // SQLite's documented way to keep a term from choosing the index: a unary plus.
    public override string NoIndex(string column) => "+" + column;

    public override string Left(string expression, int length) => $"substr({expression}, 1, {Number(length)})";

    public override string DayOf(string instant) => $"substr({instant}, 1, 10)";
}

/// <summary>SQL text that depends on the dialect: every grid statement is one, so it can be written for either provider.</summary>
public delegate string GridText(GridDialect dialect);

/// <summary>
/// One order of a tab's rows, walked from either end: "SELECT id FROM ... WHERE ... ORDER BY ..." with the
/// index named. Forward it reads the rows before the page and the page; backward (every ORDER BY column
/// descending) it reads the rows after the page and the page, so no page costs more than half a walk.
/// </summary>
public sealed record GridWalk(string Select, GridText From, GridText Where, IReadOnlyList<string> Order, IReadOnlyList<(string Name, object Value)> Parameters)
{
    public GridText Sql(bool descending) => d =>
        $"SELECT {Select} FROM {From(d)} WHERE {Where(d)} {d.OrderAndPage(string.Join(", ", Order.Select(o => descending ? o + " DESC" : o)))}";

    public GridText CountSql => d => $"SELECT COUNT(*) FROM {From(d)} WHERE {Where(d)}";

    /// <summary>The same walk with one more WHERE term (and its parameters).</summary>
    public GridWalk And(GridText term, params (string Name, object Value)[] parameters) =>
        this with { Where = d => $"{Where(d)} AND {term(d)}", Parameters = [.. Parameters, .. parameters] };

    public GridWalk And(string term, params (string Name, object Value)[] parameters) => And(_ => term, parameters);

    /// <summary>"Table AS alias" using the named index.</summary>
    public static GridText Table(string tableAndAlias, string index) => d => $"{tableAndAlias} {d.Index(index)}";
}

/// <summary>The phone search as SQL terms on a phone column (<see cref="PhoneSearch"/> holds the rule).</summary>
public static class PhoneSearchSql
{
    /// <summary>Matches the search; null for no search. Ranges are index seeks on a phone index and a cheap check anywhere else.</summary>
    public static (GridText Term, (string Name, object Value)[] Parameters)? Term(PhoneSearch search, string column) => search.Kind switch
    {
        PhoneSearchKind.StartsWith => InRanges(search.Ranges, column, "r") is var (term, parameters) ? (_ => term, parameters) : null,
        PhoneSearchKind.Contains => (d => d.Contains(column), [("@search", search.Digits)]),
        _ => null,
    };

    /// <summary>"In one of these ranges", with parameters named @{prefix}{i}lo/hi.</summary>
    public static (string Term, (string Name, object Value)[] Parameters) InRanges(IReadOnlyList<PhoneRange> ranges, string column, string prefix)
    {
        var terms = new StringBuilder("(");
        var parameters = new List<(string, object)>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var (low, high) = ($"@{prefix}{i}lo", $"@{prefix}{i}hi");
            terms.Append(i == 0 ? "" : " OR ").Append('(').Append(column).Append(" >= ").Append(low);
            parameters.Add((low, ranges[i].Low));
            if (ranges[i].High is { } upper)
            {
                terms.Append(" AND ").Append(column).Append(" < ").Append(high);
                parameters.Add((high, upper));
            }

            terms.Append(')');
        }

        return (terms.Append(')').ToString(), [.. parameters]);
    }
}
