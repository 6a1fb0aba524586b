using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Demo;

/// <summary>
/// `seed-demo --contacts N`: a sender code with lists, custom fields and N contacts in every state
/// (subscribed, pending, opted out for each reason, other contacts with their replies), with the
/// messages and consent history that would have put them there, and the contact's dates that follow from
/// them (what <see cref="DataChecker"/> checks: nothing after now, nothing before its contact, Last Send /
/// Compliance Last Sent / Last Message / Last Click dates as the texts say). Rows go in through prepared
/// commands in large transactions, so a million contacts take minutes, not hours. Its stories write about 2.2 consent
/// events per contact; `--events N` asks for N on the main sender code (the SMS List Dashboard's target is 3,000,000 at
/// 1,000,000 contacts): subscribed contacts then also joined and left other lists before, as many times as it takes.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string DemoSenderCode = "55123";
    public const string SecondSenderCode = "78900";
    private const int BatchSize = 10_000;

    private readonly Random _random = new(20261126);
    private DateTime _now;

    /// <summary>The consent events the main sender code should end with (null: as its stories come), and how many so far.</summary>
    private long? _eventTarget;
    private long _events;

    /// <summary>When the demo's sender codes, lists and fields were made: before the oldest contact (two years back).</summary>
    private DateTime Origin => _now.AddDays(-(2 * 365) - 1);

    public static async Task RunAsync(IServiceProvider services, int contacts, long? events = null)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(contacts, events, CancellationToken.None);
    }

    public Task SeedAsync(int contacts, CancellationToken ct) => SeedAsync(contacts, null, ct);

    /// <param name="events">Consent events wanted on the main sender code (its contacts' histories); null: as the stories come.</param>
    public async Task SeedAsync(int contacts, long? events, CancellationToken ct)
    {
        _now = clock.GetUtcNow().UtcDateTime;
        var stopwatch = Stopwatch.StartNew();

        var main = await EnsureSenderCodeAsync(DemoSenderCode, "Acme Retail", ct);
        var lists = await EnsureListsAsync(main, ct);
        var fields = await EnsureCustomFieldsAsync(main, ct);
        (_eventTarget, _events) = (events, 0);
        await InsertContactsAsync(main, lists, fields, contacts, ct);
        logger.LogInformation("Demo consent events on sender code {Code}: {Events}", DemoSenderCode, _events);
        _eventTarget = null;

        // A second, smaller sender code shows that everything is scoped by the one picked in the navigation.
        var outlet = await EnsureSenderCodeAsync(SecondSenderCode, "Acme Outlet", ct);
        var outletLists = await EnsureListsAsync(outlet, ct);
        var outletFields = await EnsureCustomFieldsAsync(outlet, ct);
        await InsertContactsAsync(outlet, outletLists, outletFields, Math.Min(500, Math.Max(contacts / 100, 20)), ct);

        logger.LogInformation("Seeded {Contacts} demo contacts on sender code {Code} in {Seconds:F1} s", contacts, DemoSenderCode, stopwatch.Elapsed.TotalSeconds);
    }

    private async Task<SenderCode> EnsureSenderCodeAsync(string code, string name, CancellationToken ct)
    {
        var senderCode = await db.SenderCodes.SingleOrDefaultAsync(s => s.Code == code, ct);
        if (senderCode is null)
        {
            senderCode = new SenderCode
            {
                Code = code,
                Name = name,
                CountryCode = "US",
                HelpText = $"{name}: deals and store news. Msg & data rates may apply. Reply STOP to cancel.",
                CreatedUtc = Origin,
            };
            db.SenderCodes.Add(senderCode);
            await db.SaveChangesAsync(ct);
        }

        return senderCode;
    }

    private async Task<List<ContactList>> EnsureListsAsync(SenderCode senderCode, CancellationToken ct)
    {
        var wanted = new (string Name, string Keyword, bool DoubleOptIn, string Welcome)[]
        {
            ("VIP", "VIP", false, "Welcome to VIP texts from " + senderCode.Name + "! Reply STOP to cancel."),
            ("Promotions", "PROMO", false, "You're in! Expect our best promotions. Reply STOP to cancel."),
            ("Weekly Deals", "DEALS", true, "Weekly Deals confirmed. Reply STOP to cancel."),
            ("Store Events", "EVENTS", false, "Thanks for joining Store Events. Reply STOP to cancel."),
        };
        var existing = await db.Lists.Include(l => l.Keywords).Where(l => l.SenderCodeId == senderCode.Id).ToListAsync(ct);
        foreach (var (name, keyword, doubleOptIn, welcome) in wanted.Where(w => existing.All(e => e.Name != w.Name)))
        {
            var list = new ContactList
            {
                SenderCodeId = senderCode.Id,
                Name = name,
                DoubleOptIn = doubleOptIn,
                WelcomeMessage = welcome,
                CreatedUtc = Origin,
                Keywords = [new ListKeyword { SenderCodeId = senderCode.Id, Keyword = keyword }],
            };
            db.Lists.Add(list);
            existing.Add(list);
        }

        await db.SaveChangesAsync(ct);
        return existing.OrderBy(l => l.Id).ToList();
    }

    private async Task<List<CustomFieldDefinition>> EnsureCustomFieldsAsync(SenderCode senderCode, CancellationToken ct)
    {
        var wanted = new (string Name, CustomFieldType Type)[]
        {
            ("Favorite Store", CustomFieldType.Text),
            ("Loyalty Points", CustomFieldType.Number),
            ("Member Since", CustomFieldType.Date),
            ("Paperless Receipts", CustomFieldType.YesNo),
        };
        var existing = await db.CustomFields.Where(f => f.SenderCodeId == senderCode.Id).ToListAsync(ct);
        foreach (var (name, type) in wanted.Where(w => existing.All(e => e.Name != w.Name)))
        {
            var field = new CustomFieldDefinition { SenderCodeId = senderCode.Id, Name = name, Type = type, CreatedUtc = Origin };
            db.CustomFields.Add(field);
            existing.Add(field);
        }

        await db.SaveChangesAsync(ct);
        return existing.OrderBy(f => f.Id).ToList();
    }

    private async Task InsertContactsAsync(SenderCode senderCode, List<ContactList> lists, List<CustomFieldDefinition> fields, int count, CancellationToken ct)
    {
        var taken = (await db.Contacts.Where(c => c.SenderCodeId == senderCode.Id).Select(c => c.Phone).ToListAsync(ct)).ToHashSet();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var done = 0; done < count; done += BatchSize)
            {
                var batch = Enumerable.Range(0, Math.Min(BatchSize, count - done)).Select(_ => NewContact(senderCode, taken)).ToList();
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var writer = new DemoRowWriter(connection, transaction);
                var lastId = await writer.MaxContactIdAsync(ct);
                foreach (var contact in batch)
                {
                    await writer.InsertContactAsync(senderCode.Id, contact, ct);
                }

                var ids = await writer.ContactIdsAfterAsync(senderCode.Id, lastId, ct);
                for (var i = 0; i < batch.Count; i++)
                {
                    await WriteDetailsAsync(writer, senderCode, lists, fields, batch[i], ids[batch[i].Phone], (done + i + 1) / (double)count, ct);
                }

                await transaction.CommitAsync(ct);
                logger.LogInformation("Demo contacts: {Done} of {Count}", done + batch.Count, count);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private DemoContact NewContact(SenderCode senderCode, HashSet<string> taken)
    {
        string phone;
        do
        {
            phone = RandomPhone(senderCode.CountryCode);
        }
        while (!taken.Add(phone));

        var first = Pick(DemoData.FirstNames);
        var last = Pick(DemoData.LastNames);
        var roll = _random.NextDouble();
        var state = roll < 0.84 ? DemoState.Subscribed : roll < 0.87 ? DemoState.Pending : roll < 0.96 ? DemoState.OptedOut : DemoState.Other;
        var created = _now.AddSeconds(-_random.NextInt64(5 * 60, 2L * 365 * 24 * 3600));
        return new DemoContact(
            phone,
            Chance(0.75) ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace("'", "")}{_random.Next(1, 999)}@{Pick(DemoData.EmailDomains)}" : null,
            Chance(0.9) ? first : null,
            Chance(0.85) ? last : null,
            Chance(0.5) ? DateOnly.FromDateTime(_now.AddDays(-_random.Next(18 * 365, 80 * 365))) : null,
            Chance(0.6) ? _random.Next(1001, 99950).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) : null,
            state,
            created);
    }

    /// <summary>
    /// The contact's lists, messages and the consent history that put it in its state, every event written as the app's
    /// paths write it (ContactConsent's words, one event per list an opt-out takes the number off, the subscribe method on
    /// the events that start a subscription), so replaying the history gives the subscriptions stored and the SMS List
    /// Dashboard's counts agree with the grid. Every time lies between the contact's creation and now.
    /// </summary>
    /// <param name="share">The share of the sender code's contacts written once this one is: how far along the event target should be.</param>
    private async Task WriteDetailsAsync(DemoRowWriter writer, SenderCode senderCode, List<ContactList> lists, List<CustomFieldDefinition> fields, DemoContact contact, long contactId, double share, CancellationToken ct)
    {
        foreach (var field in fields.Where(_ => Chance(0.35)))
        {
            await writer.InsertCustomValueAsync(contactId, field.Id, RandomValue(field.Type), ct);
        }

        var history = new DemoHistory(writer, senderCode.Id, contactId, contact.Phone, () => _events++, ct);
        var dates = new DemoDates();
        var optIns = lists.Where(l => !l.DoubleOptIn).ToList();
        var confirmList = lists.First(l => l.DoubleOptIn);
        var created = contact.CreatedUtc;
        switch (contact.State)
        {
            case DemoState.Subscribed:
                {
                    var joined = optIns.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToList();
                    var on = new List<(ContactList List, DateTime At, SubscribeMethod Method, string? Keyword, DateTime? Confirmed)>();
                    foreach (var list in joined)
                    {
                        var method = Pick([SubscribeMethod.Import, SubscribeMethod.Keyword, SubscribeMethod.Form, SubscribeMethod.SingleContact, SubscribeMethod.Api]);
                        on.Add((list, Between(created, created.AddHours(10)), method, method == SubscribeMethod.Keyword ? list.Keywords.FirstOrDefault()?.Keyword : null, null));
                    }

                    if (Chance(0.15))
                    {
                        // Joined the double opt-in list by its keyword and answered Y a few minutes later.
                        var asked = Between(created, created.AddHours(10));
                        on.Add((confirmList, asked, SubscribeMethod.Keyword, confirmList.Keywords.First().Keyword, Between(asked.AddMinutes(1), asked.AddMinutes(30))));
                    }

                    foreach (var (list, at, method, keyword, confirmed) in on.OrderBy(o => o.At))
                    {
                        await history.JoinAsync(list, at, method, pending: confirmed is not null);
                        if (confirmed is { } y)
                        {
                            await history.EventAsync(y, ConsentChanges.Confirmed, list, ConsentStates.Pending, ConsentStates.Subscribed, ConsentSource.InboundText);
                        }
                    }

                    var subscribedAt = on.ToDictionary(o => o.List.Id, o => o.At);
                    if (Chance(0.04))
                    {
                        // Texted STOP once and START later: the lists it left come back, subscribed anew.
                        var stop = Between(on.Max(o => o.Confirmed ?? o.At), _now.AddDays(-1));
                        var start = Between(stop, _now);
                        await history.OptOutAsync(stop, OptOutReason.StopKeyword, on.Select(o => (o.List, ConsentStates.Subscribed)).ToList(), ConsentStates.Subscribed);
                        foreach (var (list, _, _, _, _) in on)
                        {
                            await history.EventAsync(start, ConsentChanges.Resubscribed, list, ConsentStates.OptedOutAnyReason, ConsentStates.Subscribed, ConsentSource.InboundText, on.First(o => o.List.Id == list.Id).Method);
                            subscribedAt[list.Id] = start;
                        }

                        await history.EventAsync(start, ConsentChanges.OptedBackIn, null, ConsentStates.OptedOut(OptOutReason.StopKeyword), ConsentStates.Subscribed, ConsentSource.InboundText);
                    }
                    else if ((Chance(0.06) ? 1 : 0) + ExtraStays(share) is var stays and > 0 && optIns.Except(joined).FirstOrDefault() is { } left)
                    {
                        // Was also on another list for a while, and was taken off it (more than once when an event target asks).
                        if (stays == 1)
                        {
                            var at = Between(created, _now);
                            await history.JoinAsync(left, at, SubscribeMethod.Import, pending: false);
                            await history.EventAsync(Between(at, _now), ConsentChanges.Unsubscribed, left, ConsentStates.Subscribed, ConsentStates.NotSubscribed, ConsentSource.UserAction);
                        }
                        else
                        {
                            var times = Enumerable.Range(0, 2 * stays).Select(_ => Between(created, _now)).Order().ToList();
                            for (var stay = 0; stay < stays; stay++)
                            {
                                await history.JoinAsync(left, times[2 * stay], Pick([SubscribeMethod.Import, SubscribeMethod.Keyword, SubscribeMethod.Form, SubscribeMethod.SingleContact, SubscribeMethod.Api]), pending: false);
                                await history.EventAsync(times[(2 * stay) + 1], ConsentChanges.Unsubscribed, left, ConsentStates.Subscribed, ConsentStates.NotSubscribed, ConsentSource.UserAction);
                            }
                        }
                    }

                    foreach (var (list, _, method, keyword, confirmed) in on)
                    {
                        var at = subscribedAt[list.Id];
                        await writer.InsertSubscriptionAsync(senderCode.Id, contactId, list.Id, contact.Phone, SubscriptionStatus.Active, at, method, keyword, ct, at == on.First(o => o.List.Id == list.Id).At ? confirmed ?? at : at);
                    }

                    if (Chance(0.3))
                    {
                        // A broadcast while on the lists: half carry a tracked link (some were clicked), half the opt-out instructions.
                        var sent = Between(subscribedAt.Values.Max(), _now);
                        var withLink = Chance(0.5);
                        var body = withLink
                            ? $"{senderCode.Name}: 20% off this weekend only: https://acme.example/sale"
                            : $"{senderCode.Name}: 20% off this weekend only. Reply STOP to cancel.";
                        var delivered = await OutboundAsync(writer, senderCode.Id, contactId, contact.Phone, body, sent, dates, ct);
                        if (withLink && Chance(0.4))
                        {
                            dates.LastClickUtc = Between(delivered, delivered.AddDays(3));
                        }
                    }

                    break;
                }

            case DemoState.Pending:
                {
                    var keywordOfList = confirmList.Keywords.First().Keyword;
                    var joinedAt = Between(Later(created, _now.AddDays(-30)), _now);
                    await writer.InsertMessageAsync(senderCode.Id, contactId, contact.Phone, MessageDirection.Inbound, keywordOfList, joinedAt, joinedAt, DeliveryStatus.Received, ct);
                    await OutboundAsync(writer, senderCode.Id, contactId, contact.Phone, ConsentTexts.ConfirmationRequest(senderCode.Name, confirmList.Name), Between(joinedAt, joinedAt.AddSeconds(2)), dates, ct);
                    await writer.InsertSubscriptionAsync(senderCode.Id, contactId, confirmList.Id, contact.Phone, SubscriptionStatus.Pending, joinedAt, SubscribeMethod.Keyword, keywordOfList, ct, null);
                    await history.JoinAsync(confirmList, joinedAt, SubscribeMethod.Keyword, pending: true);
                    break;
                }

            case DemoState.OptedOut:
                {
                    var reason = PickOptOutReason();
                    var optedOutAt = Between(created, _now);

                    // Most had subscribed first; a few STOPs come from numbers that were never on a list (STOP from an unknown number).
                    var wereOn = reason == OptOutReason.StopKeyword && Chance(0.1)
                        ? []
                        : optIns.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToList();
                    var left = new List<(ContactList, string)>();
                    foreach (var list in wereOn)
                    {
                        var at = Between(created, optedOutAt);
                        var method = Pick([SubscribeMethod.Import, SubscribeMethod.Keyword, SubscribeMethod.Form, SubscribeMethod.SingleContact, SubscribeMethod.Api]);
                        await history.JoinAsync(list, at, method, pending: false);
                        left.Add((list, ConsentStates.Subscribed));
                        if (reason != OptOutReason.Banned)
                        {
                            await writer.InsertSuspendedAsync(contactId, list.Id, at, method, optedOutAt, ct);
                        }
                    }

                    if (reason == OptOutReason.StopKeyword)
                    {
                        await writer.InsertMessageAsync(senderCode.Id, contactId, contact.Phone, MessageDirection.Inbound, Pick(["STOP", "stop", "Stop", "UNSUBSCRIBE", "cancel"]), optedOutAt, optedOutAt, DeliveryStatus.Received, ct);
                        await OutboundAsync(writer, senderCode.Id, contactId, contact.Phone, OptOutConfirmations.For(senderCode), Between(optedOutAt, optedOutAt.AddSeconds(1)), dates, ct);
                    }

                    dates.OptedOutUtc = optedOutAt;
                    dates.OptOutReason = reason;
                    await history.OptOutAsync(optedOutAt, reason, left, wereOn.Count > 0 ? ConsentStates.Subscribed : ConsentStates.NotSubscribed);
                    break;
                }

            case DemoState.Other:
                {
                    var askedAt = Between(Later(created, _now.AddDays(-80)), _now);
                    var reply = Pick(DemoData.InvalidReplies);
                    await writer.InsertMessageAsync(senderCode.Id, contactId, contact.Phone, MessageDirection.Inbound, confirmList.Keywords.First().Keyword, askedAt, askedAt, DeliveryStatus.Received, ct);
                    var delivered = await OutboundAsync(writer, senderCode.Id, contactId, contact.Phone, ConsentTexts.ConfirmationRequest(senderCode.Name, confirmList.Name), Between(askedAt, askedAt.AddSeconds(2)), dates, ct);
                    var repliedAt = Between(delivered.AddSeconds(20), delivered.AddHours(2));
                    await writer.InsertMessageAsync(senderCode.Id, contactId, contact.Phone, MessageDirection.Inbound, reply, repliedAt, repliedAt, DeliveryStatus.Received, ct);
                    dates.OtherReply = reply;
                    dates.OtherReplyUtc = repliedAt;
                    await history.JoinAsync(confirmList, askedAt, SubscribeMethod.Keyword, pending: true);
                    await history.EventAsync(repliedAt, ConsentChanges.ConfirmationRefused, confirmList, ConsentStates.Pending, ConsentStates.NotSubscribed, ConsentSource.InboundText);
                    break;
                }
        }

        if (dates.Any)
        {
            await writer.SetDatesAsync(contactId, dates, ct);
        }
    }

    /// <summary>
    /// A text sent to the contact at <paramref name="sent"/> and delivered a few seconds later (never after now). The
    /// contact's Last Message Date, Last Send Date and Compliance Last Sent Date follow as the app sets them (the send,
    /// the delivery receipt, <see cref="ComplianceMessage"/>). Returns when it was delivered.
    /// </summary>
    private async Task<DateTime> OutboundAsync(DemoRowWriter writer, int senderCodeId, long contactId, string phone, string body, DateTime sent, DemoDates dates, CancellationToken ct)
    {
        var delivered = Between(sent, sent.AddSeconds(_random.Next(1, 6)));
        await writer.InsertMessageAsync(senderCodeId, contactId, phone, MessageDirection.Outbound, body, sent, delivered, DeliveryStatus.Succeeded, ct);
        dates.LastMessageUtc = Later(dates.LastMessageUtc ?? sent, sent);
        dates.LastSendUtc = Later(dates.LastSendUtc ?? delivered, delivered);
        if (ComplianceMessage.Holds(body))
        {
            dates.ComplianceLastSentUtc = Later(dates.ComplianceLastSentUtc ?? delivered, delivered);
        }

        return delivered;
    }

    /// <summary>The dates a contact's story sets on the contact row, written with one UPDATE after its rows.</summary>
    private sealed class DemoDates
    {
        public DateTime? OptedOutUtc { get; set; }

        public OptOutReason? OptOutReason { get; set; }

        public string? OtherReply { get; set; }

        public DateTime? OtherReplyUtc { get; set; }

        public DateTime? LastMessageUtc { get; set; }

        public DateTime? LastSendUtc { get; set; }

        public DateTime? LastClickUtc { get; set; }

        public DateTime? ComplianceLastSentUtc { get; set; }

        public bool Any => OptedOutUtc is not null || OtherReplyUtc is not null || LastMessageUtc is not null || LastSendUtc is not null || LastClickUtc is not null;
    }

    /// <summary>
    /// Stays on another list (a join and a removal: two events) this contact adds so that the main sender code's events
    /// keep up with the target (<see cref="_eventTarget"/>) at this share of its contacts; none without a target.
    /// At most 20 for one contact.
    /// </summary>
    private int ExtraStays(double share)
    {
        if (_eventTarget is not { } target)
        {
            return 0;
        }

        var behind = (target * share) - _events;
        return behind <= 0 ? 0 : (int)Math.Min(20, Math.Ceiling(behind / 2));
    }

    /// <summary>A random instant in [from, to] (from when to is earlier), whole seconds, never after now.</summary>
    private DateTime Between(DateTime from, DateTime to)
    {
        from = Earlier(from, _now);
        to = Earlier(to, _now);
        if (to <= from)
        {
            return from;
        }

        var seconds = (long)(to - from).TotalSeconds;
        return from.AddSeconds(_random.NextInt64(0, seconds + 1));
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Writes one contact's consent events with the words and shapes of ContactConsent.</summary>
    private sealed class DemoHistory(DemoRowWriter writer, int senderCodeId, long contactId, string phone, Action written, CancellationToken ct)
    {
        public Task JoinAsync(ContactList list, DateTime at, SubscribeMethod method, bool pending) =>
            EventAsync(at, ConsentChanges.OfNewSubscription(pending), list, ConsentStates.NotSubscribed, pending ? ConsentStates.Pending : ConsentStates.Subscribed, SourceOf(method), method);

        /// <summary>One event per list the opt-out takes the number off, then the sender code's.</summary>
        public async Task OptOutAsync(DateTime at, OptOutReason reason, IReadOnlyList<(ContactList List, string State)> lists, string before)
        {
            var change = reason == OptOutReason.Banned ? ConsentChanges.Banned : ConsentChanges.OptedOut;
            foreach (var (list, state) in lists)
            {
                await EventAsync(at, change, list, state, ConsentStates.OptedOut(reason), SourceOf(reason));
            }

            await EventAsync(at, change, null, before, ConsentStates.OptedOut(reason), SourceOf(reason));
        }

        public Task EventAsync(DateTime at, string change, ContactList? list, string before, string after, ConsentSource source, SubscribeMethod? method = null)
        {
            written();
            return writer.InsertConsentEventAsync(senderCodeId, contactId, phone, at, change, list, before, after, source, null, method, ct);
        }
    }

    private OptOutReason PickOptOutReason()
    {
        var roll = _random.NextDouble();
        return roll < 0.6 ? OptOutReason.StopKeyword
            : roll < 0.75 ? OptOutReason.Manual
            : roll < 0.8 ? OptOutReason.Banned
            : roll < 0.9 ? OptOutReason.Import
            : OptOutReason.CarrierDeactivation;
    }

    private static ConsentSource SourceOf(SubscribeMethod method) => method switch
    {
        SubscribeMethod.Import => ConsentSource.Import,
        SubscribeMethod.Keyword => ConsentSource.InboundText,
        SubscribeMethod.SingleContact => ConsentSource.SingleContact,
        _ => ConsentSource.UserAction,
    };

    private static ConsentSource SourceOf(OptOutReason reason) => reason switch
    {
        OptOutReason.StopKeyword => ConsentSource.InboundText,
        OptOutReason.Import => ConsentSource.Import,
        _ => ConsentSource.UserAction,
    };

    private string RandomValue(CustomFieldType type) => type switch
    {
        CustomFieldType.Number => _random.Next(0, 25_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        CustomFieldType.Date => DateOnly.FromDateTime(_now.AddDays(-_random.Next(1, 3650))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        CustomFieldType.YesNo => Chance(0.5) ? "true" : "false",
        _ => Pick(DemoData.Stores),
    };

    private string RandomPhone(string region)
    {
        while (true)
        {
            var exchange = _random.Next(200, 1000);
            if (exchange % 100 == 11 || exchange == 555 || exchange == 958 || exchange == 959 || exchange == 976)
            {
                continue;
            }

            var candidate = $"+1{Pick(DemoData.AreaCodes)}{exchange}{_random.Next(0, 10000):D4}";
            if (PhoneNormalizer.Normalize(candidate, region).E164 is { } e164)
            {
                return e164;
            }
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private enum DemoState
    {
        Subscribed,
        Pending,
        OptedOut,
        Other,
    }

    private sealed record DemoContact(
        string Phone,
        string? Email,
        string? FirstName,
        string? LastName,
        DateOnly? Birthday,
        string? PostalCode,
        DemoState State,
        DateTime CreatedUtc);

    /// <summary>Prepared INSERTs with positional parameters; plain SQL that SQLite and SQL Server both accept.</summary>
    private sealed class DemoRowWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = [];

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        public async Task<long> MaxContactIdAsync(CancellationToken ct) =>
            Convert.ToInt64(await Command("SELECT COALESCE(MAX(Id), 0) FROM Contacts").ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        public async Task<Dictionary<string, long>> ContactIdsAfterAsync(int senderCodeId, long lastId, CancellationToken ct)
        {
            var ids = new Dictionary<string, long>();
            await using var reader = await Command("SELECT Id, Phone FROM Contacts WHERE SenderCodeId = @p0 AND Id > @p1", senderCodeId, lastId).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids[reader.GetString(1)] = reader.GetInt64(0);
            }

            return ids;
        }

        public Task InsertContactAsync(int senderCodeId, DemoContact c, CancellationToken ct) =>
            Run("INSERT INTO Contacts (SenderCodeId, Phone, PhoneDigitsReversed, Email, FirstName, LastName, Birthday, PostalCode, CreatedUtc, UpdatedUtc, Version) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p8, 0)",
                ct, senderCodeId, c.Phone, ContactPhone.DigitsReversed(c.Phone), c.Email, c.FirstName, c.LastName, c.Birthday?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.PostalCode, c.CreatedUtc);

        public Task InsertSubscriptionAsync(int senderCodeId, long contactId, int listId, string phone, SubscriptionStatus status, DateTime at, SubscribeMethod method, string? keyword, CancellationToken ct, DateTime? confirmed) =>
            Run("INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 1, 0, @p8)",
                ct, senderCodeId, contactId, listId, phone, (int)status, at, (int)method, keyword, confirmed);

        public Task InsertSuspendedAsync(long contactId, int listId, DateTime subscribed, SubscribeMethod method, DateTime suspended, CancellationToken ct) =>
            Run("INSERT INTO SuspendedSubscriptions (ContactId, ListId, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, SuspendedUtc) VALUES (@p0, @p1, @p2, @p3, NULL, 1, 0, @p4)",
                ct, contactId, listId, subscribed, (int)method, suspended);

        public Task InsertCustomValueAsync(long contactId, int fieldId, string value, CancellationToken ct) =>
            Run("INSERT INTO CustomFieldValues (ContactId, FieldId, Value) VALUES (@p0, @p1, @p2)", ct, contactId, fieldId, value);

        public Task InsertMessageAsync(int senderCodeId, long contactId, string phone, MessageDirection direction, string body, DateTime at, DateTime deliveredUtc, DeliveryStatus status, CancellationToken ct) =>
            Run("INSERT INTO Messages (SenderCodeId, ContactId, Phone, Direction, Body, CreatedUtc, DeliveredUtc, Status, IsOptOutConfirmation) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 0)",
                ct, senderCodeId, contactId, phone, (int)direction, body, at, deliveredUtc, (int)status);

        public Task InsertConsentEventAsync(int senderCodeId, long contactId, string phone, DateTime at, string change, ContactList? list, string before, string after, ConsentSource source, string? userName, SubscribeMethod? method, CancellationToken ct) =>
            Run("INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserName, Method) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)",
                ct, senderCodeId, contactId, phone, at, change, list?.Id, list?.Name, before, after, (int)source, userName ?? "demo data", method is { } m ? (int)m : null);

        public Task SetDatesAsync(long contactId, DemoDates d, CancellationToken ct) =>
            Run("UPDATE Contacts SET OptedOutUtc = @p1, OptOutReason = @p2, OtherReply = @p3, OtherReplyUtc = @p4, LastMessageUtc = @p5, LastSendUtc = @p6, LastClickUtc = @p7, ComplianceLastSentUtc = @p8 WHERE Id = @p0",
                ct, contactId, d.OptedOutUtc, d.OptOutReason is { } reason ? (int)reason : null, d.OtherReply, d.OtherReplyUtc, d.LastMessageUtc, d.LastSendUtc, d.LastClickUtc, d.ComplianceLastSentUtc);

        private async Task Run(string sql, CancellationToken ct, params object?[] values) =>
            await Command(sql, values).ExecuteNonQueryAsync(ct);

        private DbCommand Command(string sql, params object?[] values)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Transaction = transaction;
                for (var i = 0; i < values.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    command.Parameters.Add(parameter);
                }

                _commands[sql] = command;
            }

            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTime d => d,
                    var v => v,
                };
            }

            return command;
        }
    }
}
