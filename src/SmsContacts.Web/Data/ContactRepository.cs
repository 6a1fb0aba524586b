using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// The grid queries of the three contact tabs, planned so that no page of any sort, filter or phone search
/// reads more than a bounded part of an index, at a million contacts, on SQLite and SQL Server alike.
///
/// 1. The total first, exactly and cheaply: the Contacts tab's from the trigger-kept counts
///    (<see cref="SubscriptionCount"/>), a "starts with" search's from phone index ranges (a range that holds
///    every number, "1" in a US sender code, is seen from the index's first and last entry and is no filter),
///    a "contains" search's inside the search index (FTS5 trigrams / SQL Server's suffixes, see
///    <see cref="GridTriggers"/>); the small Opted-Out and Other Contacts tabs' from their partial indexes.
/// 2. Then the page, as a slice of the sort's ascending order (a descending page is the mirrored slice):
///    - a walk of the sort's index (named: <see cref="GridIndexes"/>), from whichever end is nearer, the
///      search checked on each index entry (every grid index ends with the phone number), so the last page
///      costs what the first does and the middle half a walk;
///    - segments, when the order is a sequence of pieces whose sizes are known: lists in name order, the
///      phone blocks of their counts in phone order (under a "starts with" search, its ranges, each made of
///      blocks), the email blocks of the counts in email order (a page deep into the phone or email order
///      starts at its block instead of walking every row before it);
///    - gathering, when a "contains" search matches few rows: the search index gives them, they are sorted
///      and sliced (cheaper than walking a million entries to find three).
/// 3. Then the page's rows by their ids.
/// A SQLite request reads in one transaction, so the total and the page come from the same snapshot while an
/// import commits batches. Deep pages are reached by number (the pager's links, or a typed page), so paging
/// needs no cursors: every page number costs at most half a walk of one index.
/// </summary>
public sealed partial class ContactRepository(AppDbContext db)
{
    public const int MaxPageSize = 200;

    /// <summary>Rough costs (ns) of reading one index entry with a phone check, and of gathering one matched row.</summary>
    private const double WalkEntryNs = 90;
    private const double GatherRowNs = 1500;

    /// <summary>About how long (ns) SQLite takes per row to group rows it reads (it sorts them first).</summary>
    private const double GroupRowNs = 550;

    private GridDialect Dialect => db.Database.IsSqlServer() ? SqlServerSql.Grid.Instance : SqliteGridDialect.Instance;

    /// <summary>Sees every statement the grid runs, before it runs (tests render them for SQL Server and parse them).</summary>
    internal Action<GridText>? OnStatement { get; set; }

    /// <summary>Tests set it to run both ways of reading a "contains" search on the same cases; null: the cheaper.</summary>
    internal bool? ForceWalk { get; set; }

    /// <summary>
    /// Tests set it to read a search split at its leading ranges or through the Subscribe Date days (true: phone, list-name
    /// and email order under "contains", Subscribe Date order under any search) or not (false: walked or gathered), on the
    /// same cases; null: whichever costs less.
    /// </summary>
    internal bool? ForceLeadingSplit { get; set; }

    /// <summary>
    /// When a walk from the nearer end reads no more index entries than this (the rows before the page, more under a
    /// search that keeps few), the email order is walked from that end rather than located through its blocks (which
    /// reads every block first). Tests move it to cover both.
    /// </summary>
    internal int EmailBlocksFrom { get; set; } = 2_000;

    /// <summary>
    /// Likewise for the phone order (its blocks: <see cref="SubscriptionPhoneCount"/>). Tests move it to cover both, and set
    /// it to <see cref="int.MaxValue"/> for the plain walk the blocks must agree with.
    /// </summary>
    internal int PhoneBlocksFrom { get; set; } = 2_000;

    /// <summary>Likewise (in index entries walked) for the Subscribe Date order and its days (<see cref="SubscribeDayCount"/>). Tests move it to cover both.</summary>
    internal int SubscribeDaysFrom { get; set; } = 2_000;

    /// <summary>
    /// A page of the Contacts tab (one row per subscription, Pending ones included) of the sender code: the
    /// query's list (of this sender code, else no rows), phone search, sort and page; a page past the end is the
    /// last page. The total is exact.
    /// </summary>
    public async Task<GridPage<SubscribedRow>> GetSubscribedAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        if (query.Window is not null)
        {
            return await ReadAsync(() => GetSubscribedWithinAsync(senderCodeId, query, ct), ct);
        }

        return await ReadAsync(async () =>
        {
            // In name order: the List Name sort reads them in this order.
            var lists = await db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId)
                .OrderBy(l => l.Name).ThenBy(l => l.Id).Select(l => l.Id).ToListAsync(ct);
            if (query.ListId is { } only && !lists.Contains(only))
            {
                return Empty<SubscribedRow>(query);
            }

            var search = await SearchAsync(senderCodeId, query, ct);
            var grid = new SubscribedGrid(this, senderCodeId, query.ListId, search, lists.Where(l => query.ListId is null || l == query.ListId).ToList());
            if (search.Kind == PhoneSearchKind.NotAPhone)
            {
                return Empty<SubscribedRow>(query);
            }

            var plan = await grid.PlanAsync(query.Sort, ct);
            var (page, size, start, count) = Slice(query, plan.Total);
            var ids = await plan.ReadAsync(start, count, ct);
            if (query.Descending)
            {
                ids.Reverse();
            }

            var rows = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new SubscribedRow(s.Id, s.ContactId, s.Phone, s.Contact!.Email, s.SubscribedUtc, s.List!.Name, s.Status))
                .ToListAsync(ct);
            return new GridPage<SubscribedRow>(InOrderOf(ids, rows, r => r.SubscriptionId), (int)plan.Total, page, size);
        }, ct);
    }

    /// <summary>
    /// A page of the Opted-Out tab (one row per opted-out contact) under the query's reason, phone search, sort and page;
    /// with a list or the dashboard's window, see ContactRepository.Window.cs.
    /// </summary>
    public async Task<GridPage<OptedOutRow>> GetOptedOutAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        if (query.Window is not null || query.ListId is not null)
        {
            return await ReadAsync(() => GetOptedOutWithinAsync(senderCodeId, query, ct), ct);
        }

        return await ReadAsync(async () =>
        {
            var search = await SearchAsync(senderCodeId, query, ct);
            if (search.Kind == PhoneSearchKind.NotAPhone)
            {
                return Empty<OptedOutRow>(query);
            }

            var walk = OptedOutWalk(senderCodeId, query.Sort, query.Reason, search);
            var ids = await PageOfWalkAsync(walk, query, ct);
            var rows = await db.Contacts.AsNoTracking().Where(c => ids.Ids.Contains(c.Id))
                .Select(c => new OptedOutRow(c.Id, c.Phone, c.Email, c.OptedOutUtc!.Value, c.OptOutReason!.Value))
                .ToListAsync(ct);
            return new GridPage<OptedOutRow>(InOrderOf(ids.Ids, rows, r => r.ContactId), ids.Total, ids.Page, ids.Size);
        }, ct);
    }

    /// <summary>A page of the Other Contacts tab (numbers whose reply could not subscribe them, not opted out) under the query's phone search, sort and page.</summary>
    public async Task<GridPage<OtherContactRow>> GetOtherContactsAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        return await ReadAsync(async () =>
        {
            var search = await SearchAsync(senderCodeId, query, ct);
            if (search.Kind == PhoneSearchKind.NotAPhone)
            {
                return Empty<OtherContactRow>(query);
            }

            var walk = OtherWalk(senderCodeId, query.Sort, search);
            var ids = await PageOfWalkAsync(walk, query, ct);
            var rows = await db.Contacts.AsNoTracking().Where(c => ids.Ids.Contains(c.Id))
                .Select(c => new OtherContactRow(c.Id, c.Phone, c.LastMessageUtc, c.Email, c.OtherReply))
                .ToListAsync(ct);
            return new GridPage<OtherContactRow>(InOrderOf(ids.Ids, rows, r => r.ContactId), ids.Total, ids.Page, ids.Size);
        }, ct);
    }

    /// <summary>The phone search of <paramref name="phoneSearch"/> under the sender code's country (see <see cref="PhoneSearch"/>).</summary>
    public async Task<PhoneSearch> ParseSearchAsync(int senderCodeId, string? phoneSearch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(phoneSearch))
        {
            return PhoneSearch.None;
        }

        var region = await db.SenderCodes.Where(s => s.Id == senderCodeId).Select(s => s.CountryCode).SingleAsync(ct);
        return PhoneSearch.Parse(phoneSearch, region);
    }

    /// <summary>
    /// Every row of the Contacts tab under its filters (list, phone search: the same meaning as in
    /// <see cref="GetSubscribedAsync"/>), ordered by contact, for reading all of them in one pass (the export).
    /// See <see cref="NoIndex"/> for why the sender code and list are compared as they are.
    /// </summary>
    public async Task<IQueryable<Subscription>> SubscribedInContactOrderAsync(int senderCodeId, int? listId, string? phoneSearch, CancellationToken ct)
    {
        var subscriptions = db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId + NoIndex == senderCodeId);
        if (listId is { } list)
        {
            subscriptions = subscriptions.Where(s => s.ListId + NoIndex == list);
        }

        var search = await ParseSearchAsync(senderCodeId, phoneSearch, ct);
        return WherePhoneMatches(subscriptions, search, s => s.Phone).OrderBy(s => s.ContactId).ThenBy(s => s.ListId);
    }

    /// <summary>Every row of the Opted-Out tab under its filters (reason, phone search), ordered by contact (the export).</summary>
    public async Task<IQueryable<Contact>> OptedOutInContactOrderAsync(int senderCodeId, OptOutReason? reason, string? phoneSearch, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId + NoIndex == senderCodeId && c.OptedOutUtc != null);
        if (reason is { } r)
        {
            contacts = contacts.Where(c => c.OptOutReason == r);
        }

        var search = await ParseSearchAsync(senderCodeId, phoneSearch, ct);
        return WherePhoneMatches(contacts, search, c => c.Phone).OrderBy(c => c.Id);
    }

    /// <summary>
    /// Added to a column, this makes the comparison one the database cannot answer from an index
    /// (SQLite's documented way to steer its planner). A page of the grid wants the (SenderCodeId, ...)
    /// and (ListId, ...) indexes; reading a whole sender code does not: through them SQLite fetches a
    /// million rows in phone or date order, a random page read each, and then sorts them in memory.
    /// Without them it walks (ContactId, ListId) or the contacts' key in order, so contacts and custom
    /// field values come in storage order and nothing is sorted (measured on a million demo contacts:
    /// about 3x less CPU, and no temporary B-tree).
    /// </summary>
    public const int NoIndex = 0;

    /// <summary>
    /// The rows whose number matches the search, as a LINQ filter (the export's and the dashboard's plain queries; the
    /// grid's SQL says the same in PhoneSearchSql): no rows for a search that is not a phone number.
    /// </summary>
    private static IQueryable<T> WherePhoneMatches<T>(IQueryable<T> rows, PhoneSearch search, Expression<Func<T, string>> phone)
    {
        switch (search.Kind)
        {
            case PhoneSearchKind.NotAPhone:
                return rows.Where(_ => false);
            case PhoneSearchKind.Contains:
                var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
                return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.Call(phone.Body, contains, Expression.Constant(search.Digits)), phone.Parameters[0]));
            case PhoneSearchKind.StartsWith:
                return rows.Where(PhoneInRanges(search.Ranges, phone));
            default:
                return rows;
        }
    }

    /// <summary>"In one of the ranges" as a LINQ predicate (the export's query; the grid's SQL says the same in PhoneSearchSql).</summary>
    private static Expression<Func<T, bool>> PhoneInRanges<T>(IReadOnlyList<PhoneRange> ranges, Expression<Func<T, string>> phone)
    {
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        Expression Compared(string bound) => Expression.Call(compare, phone.Body, Expression.Constant(bound));

        Expression? any = null;
        foreach (var range in ranges)
        {
            Expression inRange = Expression.GreaterThanOrEqual(Compared(range.Low), Expression.Constant(0));
            if (range.High is { } high)
            {
                inRange = Expression.AndAlso(inRange, Expression.LessThan(Compared(high), Expression.Constant(0)));
            }

            any = any is null ? inRange : Expression.OrElse(any, inRange);
        }

        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(true), phone.Parameters[0]);
    }

    private async Task<PhoneSearch> SearchAsync(int senderCodeId, GridQuery query, CancellationToken ct) =>
        await ParseSearchAsync(senderCodeId, query.PhoneSearch, ct);

    /// <summary>
    /// SQLite: one read transaction, so the total and the page see the same snapshot while imports commit. It
    /// must be deferred: a plain BeginTransaction is BEGIN IMMEDIATE, which takes the write lock, so every page
    /// would wait for an import's batch to commit (and hold up every writer while it reads).
    /// </summary>
    private async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is not SqliteConnection sqlite || db.Database.CurrentTransaction is not null)
            {
                return await read();
            }

            await using var transaction = sqlite.BeginTransaction(deferred: true);
            await db.Database.UseTransactionAsync(transaction, ct);
            try
            {
                var result = await read();
                await transaction.CommitAsync(ct);
                return result;
            }
            finally
            {
                await db.Database.UseTransactionAsync(null, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record WalkPage(List<long> Ids, int Total, int Page, int Size);

    /// <summary>A tab that is one walk: count it, then read the page from the nearer end.</summary>
    private async Task<WalkPage> PageOfWalkAsync(GridWalk walk, GridQuery query, CancellationToken ct)
    {
        var total = await ScalarAsync(walk.CountSql, walk.Parameters, ct);
        var (page, size, start, count) = Slice(query, total);
        var ids = await RangeAsync(walk, total, start, count, ct);
        if (query.Descending)
        {
            ids.Reverse();
        }

        return new WalkPage(ids, (int)total, page, size);
    }

    /// <summary>Rows [start, start + count) of the walk's ascending order, read from the nearer end.</summary>
    private async Task<List<long>> RangeAsync(GridWalk walk, long total, long start, int count, CancellationToken ct)
    {
        if (count <= 0)
        {
            return [];
        }

        if (start + count <= total - start)
        {
            return await IdsAsync(walk.Sql(descending: false), walk.Parameters, start, count, ct);
        }

        var ids = await IdsAsync(walk.Sql(descending: true), walk.Parameters, total - start - count, count, ct);
        ids.Reverse();
        return ids;
    }

    private static GridWalk OptedOutWalk(int senderCodeId, string? sort, OptOutReason? reason, PhoneSearch search)
    {
        var (index, order) = sort switch
        {
            GridSort.Phone => (GridIndexes.OptedOutByPhone, new[] { "c.Phone", "c.Id" }),
            GridSort.Email => (GridIndexes.OptedOutByEmail, ["c.Email", "c.Phone", "c.Id"]),
            GridSort.Reason => (GridIndexes.OptedOutByReason, ["c.OptOutReason", "c.OptedOutUtc", "c.Phone", "c.Id"]),

            // With a reason, the reason index holds that reason's rows in date order.
            _ => (reason is null ? GridIndexes.OptedOutByDate : GridIndexes.OptedOutByReason, ["c.OptedOutUtc", "c.Phone", "c.Id"]),
        };

        // The tab's WHERE names the partial indexes' filter term for term, so they apply.
        var walk = new GridWalk("c.Id", GridWalk.Table("Contacts AS c", index), _ => "c.SenderCodeId = @sc AND c.OptedOutUtc IS NOT NULL", order, [("@sc", senderCodeId)]);
        if (reason is { } r)
        {
            walk = walk.And("c.OptOutReason = @reason", ("@reason", (int)r));
        }

        return PhoneSearchSql.Term(search, "c.Phone") is { } term ? walk.And(term.Term, term.Parameters) : walk;
    }

    private static GridWalk OtherWalk(int senderCodeId, string? sort, PhoneSearch search)
    {
        var (index, order) = sort switch
        {
            GridSort.Phone => (GridIndexes.OtherByPhone, new[] { "c.Phone", "c.Id" }),
            GridSort.Email => (GridIndexes.OtherByEmail, ["c.Email", "c.Phone", "c.Id"]),
            _ => (GridIndexes.OtherByLastMessage, ["c.LastMessageUtc", "c.Phone", "c.Id"]),
        };
        var walk = new GridWalk("c.Id", GridWalk.Table("Contacts AS c", index),
            _ => "c.SenderCodeId = @sc AND c.OtherReplyUtc IS NOT NULL AND c.OptedOutUtc IS NULL", order, [("@sc", senderCodeId)]);
        return PhoneSearchSql.Term(search, "c.Phone") is { } term ? walk.And(term.Term, term.Parameters) : walk;
    }

    /// <summary>How to read one Contacts tab query: its exact total and any slice of its ascending order.</summary>
    private sealed record Plan(long Total, Func<long, int, CancellationToken, Task<List<long>>> ReadAsync);

    /// <summary>A piece of an order with a known number of rows, walked on its own (or read its own way).</summary>
    private sealed record Segment(GridWalk Walk, long Count)
    {
        public Func<long, int, CancellationToken, Task<List<long>>>? Read { get; init; }
    }

    /// <summary>The Contacts tab (one row per subscription) of a sender code, or of one list.</summary>
    private sealed class SubscribedGrid(ContactRepository repository, int senderCodeId, int? listId, PhoneSearch search, List<int> listIds)
    {
        public async Task<Plan> PlanAsync(string? sort, CancellationToken ct)
        {
            var totals = await repository.ListTotalsAsync(senderCodeId, listId, ct);
            var total = totals.Values.Sum();
            if (search.Kind == PhoneSearchKind.StartsWith && await repository.CoversAllAsync(PhoneWalk(), search.Ranges, ct))
            {
                // Every number matches ("1" in a US sender code): plan it as what it is, no filter.
                search = PhoneSearch.None;
            }

            return (sort, search.Kind) switch
            {
                (GridSort.ListName, _) => await ByListNameAsync(totals, ct),
                (GridSort.Email, PhoneSearchKind.None or PhoneSearchKind.StartsWith) => await ByEmailBlocksAsync(total, ct),
                (GridSort.Email, _) => await ContainsInEmailOrderAsync(total, ct),
                (GridSort.Phone, PhoneSearchKind.None or PhoneSearchKind.StartsWith) => await ByPhoneBlocksAsync(total, ct),
                (GridSort.Phone, _) => ContainsInPhoneOrder(PhoneWalk(), listId, await repository.ContainsCountAsync(search, senderCodeId, listId, ct), total),
                _ => await BySubscribeDaysAsync(total, ct),
            };
        }

        /// <summary>
        /// Subscribe Date order, read in UTC days whose sizes are known (within <see cref="SubscribeDaysFrom"/> entries of
        /// either end it is walked from that end). Without a search the days are the kept counts of
        /// <see cref="SubscribeDateCount"/>. Under a search they are summed from the kept counts per day and phone lead
        /// (<see cref="SubscribeDayCount"/>) for the ranges that are whole leads (a one- or two-digit search: "14" is +14…
        /// and +1 14…; the first leading range of a three-digit "contains": +130…), and counted from the rows for the rest:
        /// a longer range's off the phone index, a "contains" search's other matches (the digits further in) from the search
        /// index. Each of those rows is read, so the days are used when that costs less than walking the order or gathering
        /// every match (<see cref="Cheaper"/>); a page then walks its day.
        /// </summary>
        private async Task<Plan> BySubscribeDaysAsync(long total, CancellationToken ct)
        {
            var walk = Walk(GridIndexes.SubscriptionsBySubscribeDate, GridIndexes.ListBySubscribeDate, ["s.SubscribedUtc", "s.Phone", "s.Id"]);
            if (search.Kind == PhoneSearchKind.None)
            {
                return new Plan(total, async (start, count, token) => EntriesToWalk(start, count, total, total) <= repository.SubscribeDaysFrom
                    ? await repository.RangeAsync(walk, total, start, count, token)
                    : await repository.SegmentsAsync(DaySegments(walk, await repository.SubscribeDaysAsync(senderCodeId, listId, null, token)), start, count, token));
            }

            // The ranges whose rows all match: a "starts with" search's own, a "contains" search's leading ones.
            var contains = search.Kind == PhoneSearchKind.Contains;
            var ranges = contains ? search.LeadingRanges : search.Ranges;
            var leads = ranges.Where(r => r.Low.Length <= SubscribeDayCount.PhoneLeadLength).ToList();
            var longer = ranges.Where(r => r.Low.Length > SubscribeDayCount.PhoneLeadLength).ToList();
            var inRanges = await RangeRowsAsync(ranges, ct);
            var inLonger = ranges.Select((r, i) => longer.Contains(r) ? inRanges[i] : 0).Sum();
            var matches = contains ? await repository.ContainsCountAsync(search, senderCodeId, listId, ct) : inRanges.Sum();
            var others = contains ? matches - inRanges.Sum() : 0;
            GridWalk searched;
            Plan cheaper;
            if (contains)
            {
                searched = walk.And(d => d.Contains("s.Phone"), ("@search", search.Digits));
                cheaper = Cheaper(matches, total, searched, Gather(walk.Order));
            }
            else
            {
                var (term, parameters) = PhoneSearchSql.InRanges(ranges, "s.Phone", "r");
                searched = walk.And(term, parameters);
                cheaper = Cheaper(matches, total, searched, RangeGather(walk.Order));
            }

            return new Plan(matches, async (start, count, token) =>
            {
                if (EntriesToWalk(start, count, matches, total) <= repository.SubscribeDaysFrom)
                {
                    return await repository.RangeAsync(searched, matches, start, count, token);
                }

                // Every row counted from the rows is read and grouped; then the page's day is walked to its rows.
                var density = Math.Max(matches, 1) / (double)Math.Max(total, 1);
                var daysCost = (inLonger + others) * (GatherRowNs + GroupRowNs) + count / density * WalkEntryNs;
                if (!(repository.ForceLeadingSplit ?? daysCost <= Math.Min(WalkCost(start, count, matches, total), matches * GatherRowNs)))
                {
                    return await cheaper.ReadAsync(start, count, token);
                }

                var days = await repository.SubscribeDaysAsync(senderCodeId, listId,
                    new DayRows(leads, PhoneWalk(), longer, contains ? Elsewhere(walk.Order, listId) : null), token);
                return await repository.SegmentsAsync(DaySegments(searched, days), start, count, token);
            });
        }

        /// <summary>
        /// Rows of the sender code (or the list) in each range: summed from the kept phone blocks for a range of whole
        /// blocks (a prefix no longer than a block), else counted on the phone index (which reads the range).
        /// </summary>
        private async Task<long[]> RangeRowsAsync(IReadOnlyList<PhoneRange> ranges, CancellationToken ct)
        {
            var rows = new long[ranges.Count];
            for (var i = 0; i < ranges.Count; i++)
            {
                rows[i] = ranges[i].Low.Length <= SubscriptionPhoneCount.BlockLength
                    ? (await repository.PhoneBlocksAsync(senderCodeId, listId, ranges[i], ct)).Sum(b => b.Count)
                    : (await repository.RangeCountsAsync(PhoneWalk(), [ranges[i]], ct))[0];
            }

            return rows;
        }

        /// <summary>The days as segments of the walk, each bounded by its UTC midnight and the next.</summary>
        private static List<Segment> DaySegments(GridWalk walk, List<(DateTime Day, long Count)> days) => days.Select(d => new Segment(
            walk.And("s.SubscribedUtc >= @dayFrom", ("@dayFrom", d.Day)).And("s.SubscribedUtc < @dayTo", ("@dayTo", d.Day.AddDays(1))), d.Count)).ToList();

        private GridWalk Walk(string senderCodeIndex, string listIndex, string[] order) => listId is { } list
            ? new GridWalk("s.Id", GridWalk.Table("Subscriptions AS s", listIndex), _ => "s.ListId = @list", order, [("@list", list)])
            : new GridWalk("s.Id", GridWalk.Table("Subscriptions AS s", senderCodeIndex), _ => "s.SenderCodeId = @sc", order, [("@sc", senderCodeId)]);

        /// <summary>
        /// The phone index of the sender code or the list: phone order, and the ranges a "starts with" search counts. Rows
        /// with one number are one contact's, which share its email block, so ordering by the index's own columns (number,
        /// email block, then the id every index ends with) is number then id, and neither SQLite nor SQL Server sorts: SQLite
        /// would otherwise sort each run of equal numbers, SQL Server everything it reads.
        /// </summary>
        private GridWalk PhoneWalk() => Walk(GridIndexes.SubscriptionsByPhone, GridIndexes.ListByPhone, ["s.Phone", "s.EmailBlock", "s.Id"]);

        /// <summary>Contacts in email order, each joined to its subscriptions (of the list): ties go by phone, then list.</summary>
        private GridWalk EmailWalk()
        {
            GridText from = d => $"Contacts AS c {d.Index(GridIndexes.ContactsByEmail)} {d.LoopJoin($"Subscriptions AS s {d.Index(GridIndexes.SubscriptionsByContact)}", "s.ContactId = c.Id").Join}";
            GridText where = d => "c.SenderCodeId = @sc" + (d.LoopJoin("", "s.ContactId = c.Id").Where is { Length: > 0 } on ? " AND " + on : "");
            var walk = new GridWalk("s.Id", from, where, listId is null ? ["c.Email", "c.Phone", "s.ListId"] : ["c.Email", "c.Phone"], [("@sc", senderCodeId)]);
            return listId is { } list ? walk.And("s.ListId = @list", ("@list", list)) : walk;
        }

        /// <summary>
        /// Per page: walk the sort's index from the nearer end (reading entries in proportion to how rare the matches
        /// are), or gather every match and sort it (in proportion to how many there are), whichever reads less.
        /// </summary>
        private Plan Cheaper(long matches, long total, GridWalk searched, GridWalk gather) => new(matches, (start, count, token) =>
            (repository.ForceWalk ?? WalkCost(start, count, matches, total) <= matches * GatherRowNs)
                ? repository.RangeAsync(searched, matches, start, count, token)
                : repository.IdsAsync(gather.Sql(descending: false), gather.Parameters, start, count, token));

        /// <summary>The subscriptions the search index finds (in the sender code, or the list), sorted in the walk's order by the database.</summary>
        private GridWalk Gather(IReadOnlyList<string> order)
        {
            GridText from = order[0].StartsWith("c.", StringComparison.Ordinal)
                ? _ => "Subscriptions AS s INNER JOIN Contacts AS c ON c.Id = s.ContactId"
                : _ => "Subscriptions AS s";
            return new GridWalk("s.Id", from, d => $"s.Id IN ({d.SubscriptionIdsContaining(listId is not null)})", order, repository.SearchParameters(search, senderCodeId, listId));
        }

        /// <summary>
        /// The rows of a "starts with" search, from its phone index ranges (one seek each, their union all), sorted in
        /// the walk's order by the database.
        /// </summary>
        private GridWalk RangeGather(IReadOnlyList<string> order)
        {
            var phoneWalk = PhoneWalk();
            var email = order[0].StartsWith("c.", StringComparison.Ordinal);
            var keys = order.Select((column, i) => $"{column} AS k{i}").ToList();
            var parameters = new List<(string Name, object Value)>(phoneWalk.Parameters);
            for (var i = 0; i < search.Ranges.Count; i++)
            {
                parameters.AddRange(PhoneSearchSql.InRanges([search.Ranges[i]], "s.Phone", $"g{i}").Parameters);
            }

            GridText from = d => "(" + string.Join(" UNION ALL ", search.Ranges.Select((range, i) =>
                $"SELECT s.Id AS Id, {string.Join(", ", keys)} FROM {phoneWalk.From(d)}{(email ? " INNER JOIN Contacts AS c ON c.Id = s.ContactId" : "")} " +
                $"WHERE {phoneWalk.Where(d)} AND {PhoneSearchSql.InRanges([range], "s.Phone", $"g{i}").Term}")) + ") AS x";
            return new GridWalk("x.Id", from, _ => "1 = 1", order.Select((_, i) => $"x.k{i}").ToList(), parameters);
        }

        /// <summary>
        /// Phone order without a search, or under "starts with": the phone index of the sender code (or the list) in blocks
        /// whose sizes the kept counts give (<see cref="SubscriptionPhoneCount"/>), so a page deep into it is a walk of at
        /// most half its block. Within <see cref="PhoneBlocksFrom"/> rows of either end the order is walked from that end
        /// (cheaper than reading every block). A "starts with" search's ranges are segments of their own: a range of a
        /// prefix no longer than a block is a run of whole blocks, sized (and read) by theirs; a longer prefix lies inside
        /// one block and is counted on the index, which reads at most that block.
        /// </summary>
        private async Task<Plan> ByPhoneBlocksAsync(long total, CancellationToken ct)
        {
            var walk = PhoneWalk();
            if (search.Kind == PhoneSearchKind.None)
            {
                return new Plan(total, (start, count, token) => BlocksOrWalkAsync(walk, total, null, start, count, token));
            }

            var segments = new List<Segment>();
            foreach (var range in search.Ranges)
            {
                var (term, parameters) = PhoneSearchSql.InRanges([range], "s.Phone", "r");
                var inRange = walk.And(term, parameters);
                if (range.Low.Length <= SubscriptionPhoneCount.BlockLength)
                {
                    var blocks = await repository.PhoneBlocksAsync(senderCodeId, listId, range, ct);
                    var rows = blocks.Sum(b => b.Count);
                    segments.Add(new Segment(inRange, rows) { Read = (start, count, token) => BlocksOrWalkAsync(inRange, rows, blocks, start, count, token) });
                }
                else
                {
                    segments.Add(new Segment(inRange, (await repository.RangeCountsAsync(walk, [range], ct))[0]));
                }
            }

            return new Plan(segments.Sum(s => s.Count), (start, count, token) => repository.SegmentsAsync(segments, start, count, token));
        }

        /// <summary>
        /// Rows [start, start + count) of a walk of the phone index that holds <paramref name="rows"/> rows: walked from the
        /// nearer end when that is close, else from the block that holds them (the blocks given, or all the sender code's
        /// or list's: <paramref name="ofList"/>, else the grid's). Block i is the numbers from its first characters up to the
        /// next block with rows.
        /// </summary>
        private async Task<List<long>> BlocksOrWalkAsync(GridWalk walk, long rows, List<(string Block, long Count)>? blocks, long start, int count, CancellationToken ct, int? ofList = null)
        {
            if (Math.Min(start, rows - start - count) <= repository.PhoneBlocksFrom)
            {
                return await repository.RangeAsync(walk, rows, start, count, ct);
            }

            blocks ??= await repository.PhoneBlocksAsync(senderCodeId, ofList ?? listId, null, ct);
            var segments = new List<Segment>(blocks.Count);
            for (var i = 0; i < blocks.Count; i++)
            {
                var bounded = walk.And("s.Phone >= @from", ("@from", blocks[i].Block));
                if (i + 1 < blocks.Count)
                {
                    bounded = bounded.And("s.Phone < @to", ("@to", blocks[i + 1].Block));
                }

                segments.Add(new Segment(bounded, blocks[i].Count));
            }

            return await repository.SegmentsAsync(segments, start, count, ct);
        }

        /// <summary>
        /// Phone order under "contains" (of the sender code, or of one list: <paramref name="inList"/>), whose
        /// <paramref name="matches"/> are known. The numbers that start with the digits (the search's leading ranges) all
        /// match and lie together in phone order, so the order is: the other matches below the first range, the range,
        /// the other matches between, the next range, the rest above. A range is walked like any stretch of the phone index
        /// (its size counted on the index); the other matches, which have the digits further in and are few wherever numbers
        /// cluster, are gathered from the search index and sorted, and counted per stretch on the way (one pass over them).
        /// </summary>
        private Plan ContainsInPhoneOrder(GridWalk phoneWalk, int? inList, long matches, long rows) => new(matches, async (start, count, token) =>
        {
            var leading = search.LeadingRanges;
            var inRanges = await repository.RangeCountsAsync(phoneWalk, leading, token);

            // Worth it when the other matches are few: they are read twice (counted, then gathered for the page).
            var others = matches - inRanges.Sum();
            if (!(repository.ForceLeadingSplit ?? others * 2 * GatherRowNs <= Math.Min(WalkCost(start, count, matches, rows), matches * GatherRowNs)))
            {
                var contains = phoneWalk.And(d => d.Contains("s.Phone"), ("@search", search.Digits));
                var gather = new GridWalk("s.Id", _ => "Subscriptions AS s", d => $"s.Id IN ({d.SubscriptionIdsContaining(inList is not null)})", phoneWalk.Order,
                    repository.SearchParameters(search, senderCodeId, inList));
                return await Cheaper(matches, rows, contains, gather).ReadAsync(start, count, token);
            }

            var elsewhere = Elsewhere(phoneWalk.Order, inList);

            // The stretches before, between and after the ranges hold only the other matches, bounded by the ranges' ends
            // (none after a range without an upper end). The phone is checked on each gathered row, never sought on the
            // phone index: a stretch can be most of the index.
            var stretches = new List<(GridText Term, (string Name, object Value)[] Parameters)>();
            for (var i = 0; i <= leading.Count && (i == 0 || leading[i - 1].High is not null); i++)
            {
                var bounds = new List<string>();
                var parameters = new List<(string Name, object Value)>();
                if (i > 0)
                {
                    bounds.Add($" >= @stretch{i}lo");
                    parameters.Add(($"@stretch{i}lo", leading[i - 1].High!));
                }

                if (i < leading.Count)
                {
                    bounds.Add($" < @stretch{i}hi");
                    parameters.Add(($"@stretch{i}hi", leading[i].Low));
                }

                stretches.Add((d => bounds.Count == 0 ? "1 = 1" : string.Join(" AND ", bounds.Select(b => d.NoIndex("s.Phone") + b)), [.. parameters]));
            }

            var stretchCounts = await repository.CountEachAsync(elsewhere, stretches, token);
            var segments = new List<Segment>();
            for (var i = 0; i < leading.Count; i++)
            {
                if (i < stretches.Count)
                {
                    segments.Add(Gathered(elsewhere.And(stretches[i].Term, stretches[i].Parameters), stretchCounts[i]));
                }

                var (term, parameters) = PhoneSearchSql.InRanges([leading[i]], "s.Phone", "r");
                segments.Add(new Segment(phoneWalk.And(term, parameters), inRanges[i]));
            }

            if (stretches.Count > leading.Count)
            {
                segments.Add(Gathered(elsewhere.And(stretches[^1].Term, stretches[^1].Parameters), stretchCounts[^1]));
            }

            return await repository.SegmentsAsync(segments, start, count, token);
        });

        /// <summary>
        /// About how many index entries a walk from the nearer end reads to rows [start, start + count) of
        /// <paramref name="rows"/> matches spread over <paramref name="total"/> entries: a search that keeps one row in a
        /// hundred walks a hundred entries per row it skips or reads (page 1 of a whole number's one match walks them all).
        /// </summary>
        private static double EntriesToWalk(long start, int count, long rows, long total) =>
            (Math.Min(start, rows - start - count) + count) * (double)Math.Max(total, rows) / Math.Max(rows, 1);

        /// <summary>About how long (ns) a walk from the nearer end takes to rows [start, start + count) of matches spread evenly over the total.</summary>
        private static double WalkCost(long start, int count, long matches, long total) => EntriesToWalk(start, count, matches, total) * WalkEntryNs;

        /// <summary>A segment of gathered rows (a statement that sorts them itself), read by offset.</summary>
        private Segment Gathered(GridWalk gather, long rows) =>
            new(gather, rows) { Read = (start, count, token) => repository.IdsAsync(gather.Sql(descending: false), gather.Parameters, start, count, token) };

        /// <summary>
        /// Lists in name order, each a segment of its own (ListId, Phone) index with its count under the search: one
        /// segment per range of a "starts with" search (each a seek), and for "contains" each list read as
        /// <see cref="ContainsInPhoneOrder"/> reads it (split at its leading ranges, walked or gathered: whichever reads less);
        /// without a search each list through its phone blocks (<see cref="BlocksOrWalkAsync"/>).
        /// </summary>
        private async Task<Plan> ByListNameAsync(Dictionary<int, long> totals, CancellationToken ct)
        {
            var segments = new List<Segment>();
            foreach (var id in listIds)
            {
                var walk = new GridWalk("s.Id", GridWalk.Table("Subscriptions AS s", GridIndexes.ListByPhone), _ => "s.ListId = @list", ["s.Phone", "s.Id"], [("@list", id)]);
                var listTotal = totals.GetValueOrDefault(id);
                switch (search.Kind)
                {
                    case PhoneSearchKind.StartsWith:
                        var counts = await repository.RangeCountsAsync(walk, search.Ranges, ct);
                        for (var i = 0; i < search.Ranges.Count; i++)
                        {
                            var (term, parameters) = PhoneSearchSql.InRanges([search.Ranges[i]], "s.Phone", "r");
                            segments.Add(new Segment(walk.And(term, parameters), counts[i]));
                        }

                        break;

                    case PhoneSearchKind.Contains:
                        var matches = await repository.ContainsCountAsync(search, senderCodeId, id, ct);
                        segments.Add(new Segment(walk, matches) { Read = ContainsInPhoneOrder(walk, id, matches, listTotal).ReadAsync });
                        break;

                    default:
                        // The list's phone order, located through its phone blocks like the phone sort's.
                        var list = id;
                        segments.Add(new Segment(walk, listTotal) { Read = (start, count, token) => BlocksOrWalkAsync(walk, listTotal, null, start, count, token, list) });
                        break;
                }
            }

            return new Plan(segments.Sum(s => s.Count), (start, count, token) => repository.SegmentsAsync(segments, start, count, token));
        }

        /// <summary>
        /// Email order without a search, or under "starts with": blocks of the email order are segments, each a
        /// bounded piece of the contacts' email index. Their sizes come from the counts, or, under a search, from the
        /// search's phone ranges (the phone indexes hold each row's email block).
        /// </summary>
        private async Task<Plan> ByEmailBlocksAsync(long total, CancellationToken ct)
        {
            var walk = EmailWalk();
            var matches = total;
            if (search.Kind == PhoneSearchKind.StartsWith)
            {
                var (term, parameters) = PhoneSearchSql.InRanges(search.Ranges, "c.Phone", "r");
                walk = walk.And(term, parameters);
                matches = (await repository.RangeCountsAsync(PhoneWalk(), search.Ranges, ct)).Sum();

                // Few matches (a whole number typed with +): sort them, rather than walk a million contacts to find them.
                if (repository.ForceWalk != true && (repository.ForceWalk == false || matches * GatherRowNs < total * WalkEntryNs / 50))
                {
                    var gather = RangeGather(walk.Order);
                    return new Plan(matches, (start, count, token) => repository.IdsAsync(gather.Sql(descending: false), gather.Parameters, start, count, token));
                }
            }

            return new Plan(matches, async (start, count, token) =>
            {
                if (EntriesToWalk(start, count, matches, total) <= repository.EmailBlocksFrom)
                {
                    return await repository.RangeAsync(walk, matches, start, count, token);
                }

                var blocks = search.Kind == PhoneSearchKind.StartsWith
                    ? await repository.EmailBlocksInRangesAsync(PhoneWalk(), senderCodeId, listId, search.Ranges, null, token)
                    : await repository.EmailBlocksAsync(senderCodeId, listId, token);
                return await repository.SegmentsAsync(EmailBlockSegments(walk, blocks), start, count, token);
            });
        }

        /// <summary>
        /// Email order under "contains": walked or gathered (<see cref="Cheaper"/>), or, when that costs less, located
        /// through the email blocks of its matches: those of its leading ranges (all of which match) read off the phone
        /// index, the others gathered from the search index (few wherever numbers cluster), grouped together; then a
        /// page walks its block, keeping the matches.
        /// </summary>
        private async Task<Plan> ContainsInEmailOrderAsync(long total, CancellationToken ct)
        {
            var matches = await repository.ContainsCountAsync(search, senderCodeId, listId, ct);
            var walk = EmailWalk();
            var searched = walk.And(d => d.Contains("c.Phone"), ("@search", search.Digits));
            var cheaper = Cheaper(matches, total, searched, Gather(walk.Order));
            return new Plan(matches, async (start, count, token) =>
            {
                var leading = search.LeadingRanges;
                var inRanges = (await repository.RangeCountsAsync(PhoneWalk(), leading, token)).Sum();
                // The leading rows grouped, the others gathered, then the page's block walked to its rows: a walk that keeps
                // few entries is long however the blocks fall (a whole number's one match would walk its whole block).
                var density = Math.Max(matches, 1) / (double)Math.Max(total, 1);
                var blocksCost = inRanges * GroupRowNs + (matches - inRanges) * GatherRowNs + count / density * WalkEntryNs;
                if (!(repository.ForceLeadingSplit ?? blocksCost <= Math.Min(WalkCost(start, count, matches, total), matches * GatherRowNs)))
                {
                    return await cheaper.ReadAsync(start, count, token);
                }

                var blocks = await repository.EmailBlocksInRangesAsync(PhoneWalk(), senderCodeId, listId, leading, Elsewhere(PhoneWalk().Order, listId), token);
                return await repository.SegmentsAsync(EmailBlockSegments(searched, blocks), start, count, token);
            });
        }

        /// <summary>The email order's blocks as segments of the walk: each bounded by its first characters and the next block's.</summary>
        private static List<Segment> EmailBlockSegments(GridWalk walk, List<(bool HasEmail, string Block, long Count)> blocks)
        {
            var segments = new List<Segment>(blocks.Count);
            for (var i = 0; i < blocks.Count; i++)
            {
                var (hasEmail, block, rows) = blocks[i];
                var bounded = walk.And(hasEmail ? "c.Email >= @from" : "c.Email IS NULL AND c.Phone >= @from", ("@from", block));
                if (i + 1 < blocks.Count && blocks[i + 1].HasEmail == hasEmail)
                {
                    bounded = bounded.And(hasEmail ? "c.Email < @to" : "c.Phone < @to", ("@to", blocks[i + 1].Block));
                }

                segments.Add(new Segment(bounded, rows));
            }

            return segments;
        }

        /// <summary>
        /// The subscriptions (of the sender code, or of <paramref name="inList"/>) whose number holds the digits somewhere
        /// other than at its start, from the search index, in the given order (see <see cref="PhoneSearch.LeadingRanges"/>).
        /// </summary>
        private GridWalk Elsewhere(IReadOnlyList<string> order, int? inList) =>
            new("s.Id", _ => "Subscriptions AS s", d => $"s.Id IN ({d.SubscriptionIdsContainingElsewhere(inList is not null, search.LeadingRanges.Count)})", order,
                repository.ElsewhereParameters(search, senderCodeId, inList));
    }

    /// <summary>Rows [start, start + count) of a sequence of segments: each overlapping segment read from its nearer end.</summary>
    private async Task<List<long>> SegmentsAsync(List<Segment> segments, long start, int count, CancellationToken ct)
    {
        var ids = new List<long>(count);
        long segmentStart = 0;
        foreach (var segment in segments)
        {
            if (count <= 0)
            {
                break;
            }

            var segmentEnd = segmentStart + segment.Count;
            if (start < segmentEnd && segment.Count > 0)
            {
                var local = start - segmentStart;
                var take = (int)Math.Min(count, segment.Count - local);
                ids.AddRange(segment.Read is { } read ? await read(local, take, ct) : await RangeAsync(segment.Walk, segment.Count, local, take, ct));
                start += take;
                count -= take;
            }

            segmentStart = segmentEnd;
        }

        return ids;
    }

    /// <summary>
    /// The Contacts tab's rows per list (of the sender code, or the one list), from the trigger-kept counts of the phone
    /// blocks (a few hundred per list; the email blocks' are kept per lead as well, ten times as many).
    /// </summary>
    private async Task<Dictionary<int, long>> ListTotalsAsync(int senderCodeId, int? listId, CancellationToken ct)
    {
        var counts = db.SubscriptionPhoneCounts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId);
        if (listId is { } list)
        {
            counts = counts.Where(c => c.ListId == list);
        }

        return await counts.GroupBy(c => c.ListId).Select(g => new { g.Key, Total = g.Sum(c => (long)c.Subscriptions) })
            .ToDictionaryAsync(g => g.Key, g => g.Total, ct);
    }

    /// <summary>
    /// The phone order's blocks with rows, in order, from the kept counts (<see cref="SubscriptionPhoneCount"/>): the sender
    /// code's (summed over its lists, from the covering index of its counts) or the list's (its primary key), all of them
    /// or those inside a range of whole blocks (a range whose prefix is no longer than a block: blocks compare with its
    /// ends as their numbers do).
    /// </summary>
    private async Task<List<(string Block, long Count)>> PhoneBlocksAsync(int senderCodeId, int? listId, PhoneRange? range, CancellationToken ct)
    {
        var parameters = new List<(string Name, object Value)>();
        var bounds = "";
        if (range is { } r)
        {
            bounds += " AND c.Block >= @blockLow";
            parameters.Add(("@blockLow", r.Low));
            if (r.High is { } high)
            {
                bounds += " AND c.Block < @blockHigh";
                parameters.Add(("@blockHigh", high));
            }
        }

        GridText sql;
        if (listId is { } list)
        {
            parameters.Add(("@list", list));
            sql = _ => $"SELECT c.Block, c.Subscriptions FROM SubscriptionPhoneCounts AS c WHERE c.ListId = @list AND c.Subscriptions > 0{bounds} ORDER BY c.Block";
        }
        else
        {
            parameters.Add(("@sc", senderCodeId));
            sql = d => $"SELECT c.Block, SUM(c.Subscriptions) FROM SubscriptionPhoneCounts AS c {d.Index(GridIndexes.PhoneCountsBySenderCode)} "
                + $"WHERE c.SenderCodeId = @sc AND c.Subscriptions > 0{bounds} GROUP BY c.Block ORDER BY c.Block";
        }

        var blocks = new List<(string, long)>();
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            blocks.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return blocks;
    }

    /// <summary>
    /// Where a search's rows per day come from (<see cref="SubscribeDaysAsync"/>): the kept counts of the ranges that are
    /// whole leads, the rows of the longer ranges off the phone index (<paramref name="PhoneWalk"/>), and other rows
    /// (subscriptions as s), if any.
    /// </summary>
    private sealed record DayRows(IReadOnlyList<PhoneRange> Leads, GridWalk PhoneWalk, IReadOnlyList<PhoneRange> Longer, GridWalk? Also);

    /// <summary>
    /// The UTC days of the Subscribe Date order that hold rows, in order, with how many (of the sender code, or the list):
    /// without a search (<paramref name="search"/> null) from the kept day counts of <see cref="SubscribeDateCount"/>;
    /// under one, the sum of what <see cref="DayRows"/> names. A lead range is a prefix no longer than a lead, so leads
    /// compare with its ends as their numbers do.
    /// </summary>
    private async Task<List<(DateTime Day, long Count)>> SubscribeDaysAsync(int senderCodeId, int? listId, DayRows? search, CancellationToken ct)
    {
        var parameters = new List<(string Name, object Value)> { ("@countsOf", listId ?? senderCodeId) };
        var owner = listId is null ? "k.SenderCodeId" : "k.ListId";
        var pieces = new List<GridText>();
        if (search is null)
        {
            var list = listId is null ? "" : " AND k.ListId = @countsOf";
            parameters.Add(("@sc", senderCodeId));
            pieces.Add(d => $"SELECT {d.DayOf("k.BucketStartUtc")} AS Day, k.Count AS Rows FROM SubscribeDateCounts AS k "
                + $"WHERE k.SenderCodeId = @sc AND k.BucketMinutes = {ListActivity.DayMinutes}{list} AND k.Count > 0");
        }
        else
        {
            if (search.Leads.Count > 0)
            {
                var (term, leadParameters) = PhoneSearchSql.InRanges(search.Leads, "k.PhoneLead", "l");
                parameters.AddRange(leadParameters);
                pieces.Add(d => $"SELECT {d.DayOf("k.DayUtc")} AS Day, k.Subscriptions AS Rows FROM SubscribeDayCounts AS k WHERE {owner} = @countsOf AND k.Subscriptions > 0 AND {term}");
            }

            for (var i = 0; i < search.Longer.Count; i++)
            {
                var (term, rangeParameters) = PhoneSearchSql.InRanges([search.Longer[i]], "s.Phone", $"b{i}");
                parameters.AddRange([.. search.PhoneWalk.Parameters, .. rangeParameters]);
                pieces.Add(d => $"SELECT {d.DayOf("s.SubscribedUtc")} AS Day, 1 AS Rows FROM {search.PhoneWalk.From(d)} WHERE {search.PhoneWalk.Where(d)} AND {term}");
            }

            if (search.Also is { } also)
            {
                parameters.AddRange(also.Parameters);
                pieces.Add(d => $"SELECT {d.DayOf("s.SubscribedUtc")} AS Day, 1 AS Rows FROM {also.From(d)} WHERE {also.Where(d)}");
            }
        }

        var days = new List<(DateTime, long)>();
        await using var command = Command(d => $"SELECT days.Day, SUM(days.Rows) FROM ({string.Join(" UNION ALL ", pieces.Select(p => p(d)))}) AS days GROUP BY days.Day ORDER BY days.Day", parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            days.Add((DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return days;
    }

    /// <summary>The email order's blocks with rows, in order (no email first, then by the email's first characters).</summary>
    private async Task<List<(bool HasEmail, string Block, long Count)>> EmailBlocksAsync(int senderCodeId, int? listId, CancellationToken ct)
    {
        var counts = db.SubscriptionCounts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.Subscriptions > 0);
        if (listId is { } list)
        {
            counts = counts.Where(c => c.ListId == list);
        }

        var blocks = await counts.GroupBy(c => new { c.HasEmail, c.Block })
            .Select(g => new { g.Key.HasEmail, g.Key.Block, Count = g.Sum(c => (long)c.Subscriptions) })
            .OrderBy(b => b.HasEmail).ThenBy(b => b.Block)
            .ToListAsync(ct);
        return blocks.Select(b => (b.HasEmail, b.Block, b.Count)).ToList();
    }

    /// <summary>
    /// The email order's blocks that hold rows in the ranges, with how many, no email first, then by the email's first
    /// characters. A range of whole phone leads (a prefix no longer than <see cref="SubscriptionCount.PhoneLeadLength"/>:
    /// "+8", "+18", "+81", the ranges of a one- or two-digit search) is summed from the kept counts of its leads; a longer
    /// one ("+181") is read off the phone index (one seek, which holds each row's email block) and grouped, with the rows of
    /// <paramref name="alsoRows"/> (subscriptions as s: the other matches of a "contains" search), if given.
    /// </summary>
    private async Task<List<(bool HasEmail, string Block, long Count)>> EmailBlocksInRangesAsync(GridWalk phoneWalk, int senderCodeId, int? listId, IReadOnlyList<PhoneRange> ranges,
        GridWalk? alsoRows, CancellationToken ct)
    {
        var parameters = new List<(string Name, object Value)>(phoneWalk.Parameters) { ("@countsOf", (object?)listId ?? senderCodeId) };
        var pieces = new List<GridText>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            if (range.Low.Length <= SubscriptionCount.PhoneLeadLength)
            {
                var (term, rangeParameters) = PhoneSearchSql.InRanges([range], "k.PhoneLead", $"l{i}");
                parameters.AddRange(rangeParameters);
                var owner = listId is null ? "k.SenderCodeId" : "k.ListId";
                pieces.Add(_ => $"SELECT CASE WHEN k.HasEmail = 1 THEN 1 ELSE 0 END AS HasEmail, k.Block AS Block, k.Subscriptions AS Rows FROM SubscriptionCounts AS k "
                    + $"WHERE {owner} = @countsOf AND k.Subscriptions > 0 AND {term}");
            }
            else
            {
                var (term, rangeParameters) = PhoneSearchSql.InRanges([range], "s.Phone", $"b{i}");
                parameters.AddRange(rangeParameters);
                pieces.Add(d => $"SELECT CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail, COALESCE(s.EmailBlock, {d.Left("s.Phone", 5)}) AS Block, 1 AS Rows "
                    + $"FROM {phoneWalk.From(d)} WHERE {phoneWalk.Where(d)} AND {term}");
            }
        }

        if (alsoRows is { } also)
        {
            parameters.AddRange(also.Parameters);
            pieces.Add(d => $"SELECT CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail, COALESCE(s.EmailBlock, {d.Left("s.Phone", 5)}) AS Block, 1 AS Rows "
                + $"FROM {also.From(d)} WHERE {also.Where(d)}");
        }

        var blocks = new List<(bool, string, long)>();
        await using var command = Command(d => $"SELECT b.HasEmail, b.Block, SUM(b.Rows) FROM ({string.Join(" UNION ALL ", pieces.Select(p => p(d)))}) AS b "
            + "GROUP BY b.HasEmail, b.Block ORDER BY b.HasEmail, b.Block", parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            blocks.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture) == 1, reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return blocks;
    }

    /// <summary>Rows of the walk in each range (the walk's index is a phone index, so each range is one seek).</summary>
    private async Task<long[]> RangeCountsAsync(GridWalk walk, IReadOnlyList<PhoneRange> ranges, CancellationToken ct)
    {
        var counts = new long[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var (term, parameters) = PhoneSearchSql.InRanges([ranges[i]], "s.Phone", "r");
            var inRange = walk.And(term, parameters);
            counts[i] = await ScalarAsync(inRange.CountSql, inRange.Parameters, ct);
        }

        return counts;
    }

    /// <summary>
    /// True when the ranges hold every number of the walk (its phone index's first and last entry, two seeks):
    /// "1" or "+1" in a US sender code. Such a search filters nothing, and is planned as no search rather
    /// than counted over a million entries.
    /// </summary>
    private async Task<bool> CoversAllAsync(GridWalk walk, IReadOnlyList<PhoneRange> ranges, CancellationToken ct)
    {
        var first = await TextAsync(d => $"SELECT MIN(s.Phone) FROM {walk.From(d)} WHERE {walk.Where(d)}", walk.Parameters, ct);
        var last = await TextAsync(d => $"SELECT MAX(s.Phone) FROM {walk.From(d)} WHERE {walk.Where(d)}", walk.Parameters, ct);
        return first is null || ranges.Any(r => r.Contains(first) && r.Contains(last!));
    }

    /// <summary>The sender code's (or the list's) subscriptions whose number contains the digits: a count inside the search index.</summary>
    private async Task<long> ContainsCountAsync(PhoneSearch search, int senderCodeId, int? listId, CancellationToken ct) =>
        await ScalarAsync(d => d.CountContaining(listId is not null), SearchParameters(search, senderCodeId, listId), ct);

    private (string Name, object Value)[] SearchParameters(PhoneSearch search, int senderCodeId, int? listId) =>
        Dialect.SearchParameters(search.Digits, senderCodeId, listId);

    private (string Name, object Value)[] ElsewhereParameters(PhoneSearch search, int senderCodeId, int? listId) =>
        Dialect.SearchElsewhereParameters(search, senderCodeId, listId);

    /// <summary>How many of the walk's rows meet each term: one statement, one pass over the rows.</summary>
    private async Task<long[]> CountEachAsync(GridWalk walk, IReadOnlyList<(GridText Term, (string Name, object Value)[] Parameters)> terms, CancellationToken ct)
    {
        GridText sums = d => string.Join(", ", terms.Select(t => $"SUM(CASE WHEN {t.Term(d)} THEN 1 ELSE 0 END)"));
        await using var command = Command(d => $"SELECT {sums(d)} FROM {walk.From(d)} WHERE {walk.Where(d)}", [.. walk.Parameters, .. terms.SelectMany(t => t.Parameters)]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Enumerable.Range(0, terms.Count)
            .Select(i => reader.IsDBNull(i) ? 0L : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
    }

    private async Task<long> ScalarAsync(GridText sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = Command(sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<string?> TextAsync(GridText sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private async Task<List<long>> IdsAsync(GridText sql, IReadOnlyList<(string Name, object Value)> parameters, long offset, int limit, CancellationToken ct)
    {
        await using var command = Command(sql, [.. parameters, ("@offset", offset), ("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<long>(limit);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>A command on the context's connection (opened by <see cref="ReadAsync"/>) and in its transaction.</summary>
    private DbCommand Command(GridText sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        OnStatement?.Invoke(sql);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql(Dialect);
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters.DistinctBy(p => p.Name))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The page asked for (a page past the end is the last page), and the slice of the ascending order it is.</summary>
    private static (int Page, int Size, long Start, int Count) Slice(GridQuery query, long total)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var lastPage = (int)Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, lastPage);
        var skipped = (long)(page - 1) * size;
        var count = (int)Math.Max(0, Math.Min(size, total - skipped));
        return (page, size, query.Descending ? total - skipped - count : skipped, count);
    }

    private static GridPage<T> Empty<T>(GridQuery query) => new([], 0, 1, Math.Clamp(query.PageSize, 1, MaxPageSize));

    private static List<T> InOrderOf<T>(List<long> ids, List<T> rows, Func<T, long> idOf)
    {
        var byId = rows.ToDictionary(idOf);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }
}
