using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Features.Demo;

/// <summary>
/// `seed-demo --contacts N`: a sender code with lists, custom fields and N contacts in every state
/// (subscribed, pending, opted out for each reason, other contacts with their replies), with the
/// messages and consent history that would have put them there, and the contact's dates that follow from
/// them (the invariants <see cref="DataChecker"/> checks: nothing in the future, nothing before its contact,
/// Last Send / Compliance / Last Message / Last Click dates as the texts say). Rows go in through prepared
/// commands in large transactions, so a million contacts take minutes, not hours.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string DemoSenderCode = "55123";
    public const string SecondSenderCode = "78900";
    private const int BatchSize = 10_000;

    private readonly Random _random = new(20261126);
    private DateTime _now;

    /// <summary>When the demo's sender codes, lists and fields were made: before the oldest contact (two years back).</summary>
    private DateTime Origin => _now.AddDays(-(2 * 365) - 1);

    public static async Task RunAsync(IServiceProvider services, int contacts)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(contacts, CancellationToken.None);
    }

    public async Task SeedAsync(int contacts, CancellationToken ct)
    {
        _now = clock.GetUtcNow().UtcDateTime;
        var stopwatch = Stopwatch.StartNew();

        var main = await EnsureSenderCodeAsync(DemoSenderCode, "Acme Retail", ct);
        var lists = await EnsureListsAsync(main, ct);
        var fields = await EnsureCustomFieldsAsync(main, ct);
        await InsertContactsAsync(main, lists, fields, contacts, ct);

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
                var batch = Enumerable.Range(0, Math.Min(BatchSize, count - done)).Select(_ => NewContact(senderCode, lists, taken)).ToList();
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var writer = new DemoRowWriter(connection, transaction);
                var lastId = await writer.MaxContactIdAsync(ct);
                foreach (var contact in batch)
                {
                    await writer.InsertContactAsync(senderCode.Id, contact, ct);
                }

                var ids = await writer.ContactIdsAfterAsync(senderCode.Id, lastId, ct);
                foreach (var contact in batch)
                {
                    await WriteDetailsAsync(writer, senderCode, fields, contact, ids[contact.Phone], ct);
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

    /// <summary>
    /// One contact's whole story, planned before anything is written: when it came, the lists it joined, the texts
    /// both ways, the consent changes, and the dates on the contact that follow from them (Last Send Date = the latest
    /// delivered outbound text, Compliance Last Sent Date = the latest delivered one with compliance messaging, Last
    /// Message Date = when a text was last sent to it, Last Click Date after a delivered link). Every time lies between
    /// the contact's creation and now, to the second (so opt-outs spread over the days), which is what
    /// <see cref="DataChecker"/> checks. The contact row is written once, with its dates: no updates afterwards.
    /// </summary>
    private DemoContact NewContact(SenderCode senderCode, List<ContactList> lists, HashSet<string> taken)
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

        // A number that joined by texting a keyword exists from its first text; others came over the last two years.
        var created = state switch
        {
            DemoState.Pending => _now.AddSeconds(-_random.Next(10 * 60, 30 * 24 * 3600)),
            DemoState.Other => _now.AddSeconds(-_random.Next(60 * 60, 80 * 24 * 3600)),
            _ => _now.AddSeconds(-_random.Next(5 * 60, 2 * 365 * 24 * 3600)),
        };
        var contact = new DemoContact(
            phone,
            Chance(0.75) ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace("'", "")}{_random.Next(1, 999)}@{Pick(DemoData.EmailDomains)}" : null,
            Chance(0.9) ? first : null,
            Chance(0.85) ? last : null,
            Chance(0.5) ? DateOnly.FromDateTime(_now.AddDays(-_random.Next(18 * 365, 80 * 365))) : null,
            Chance(0.6) ? _random.Next(1001, 99950).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) : null,
            state,
            created);

        var optIns = lists.Where(l => !l.DoubleOptIn).ToList();
        var doubleOptIn = lists.First(l => l.DoubleOptIn);
        switch (state)
        {
            case DemoState.Subscribed:
                var joined = optIns.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToList();
                if (Chance(0.15))
                {
                    joined.Add(doubleOptIn);
                }

                var lastJoined = created;
                foreach (var list in joined)
                {
                    var method = Pick([SubscribeMethod.Import, SubscribeMethod.Keyword, SubscribeMethod.Form, SubscribeMethod.SingleContact, SubscribeMethod.Api]);
                    var at = Between(created, created.AddMinutes(600));
                    lastJoined = at > lastJoined ? at : lastJoined;
                    var keyword = method == SubscribeMethod.Keyword ? list.Keywords.FirstOrDefault()?.Keyword : null;
                    contact.Subscriptions.Add(new DemoSubscription(list, SubscriptionStatus.Active, at, method, keyword));
                    contact.Events.Add(new DemoEvent(at, ConsentChanges.Subscribed, list, ConsentStates.NotSubscribed, ConsentStates.Subscribed, SourceOf(method)));
                }

                if (Chance(0.3))
                {
                    // A broadcast: half carry a tracked link (and some were clicked), half the opt-out instructions.
                    var sent = Between(lastJoined, _now);
                    var withLink = Chance(0.5);
                    var body = withLink
                        ? $"{senderCode.Name}: 20% off this weekend only: https://acme.example/sale"
                        : $"{senderCode.Name}: 20% off this weekend only. Reply STOP to cancel.";
                    var delivered = Outbound(contact, body, sent);
                    if (withLink && Chance(0.4))
                    {
                        contact.LastClickUtc = Between(delivered, delivered.AddDays(3));
                    }
                }

                break;

            case DemoState.Pending:
                var keywordOfList = doubleOptIn.Keywords.First().Keyword;
                contact.Messages.Add(new DemoMessage(MessageDirection.Inbound, keywordOfList, created, created, DeliveryStatus.Received));
                Outbound(contact, ConsentTexts.ConfirmationRequest(senderCode.Name, doubleOptIn.Name), Between(created, created.AddSeconds(2)));
                contact.Subscriptions.Add(new DemoSubscription(doubleOptIn, SubscriptionStatus.Pending, created, SubscribeMethod.Keyword, keywordOfList));
                contact.Events.Add(new DemoEvent(created, ConsentChanges.PendingConfirmation, doubleOptIn, ConsentStates.NotSubscribed, ConsentStates.Pending, ConsentSource.InboundText));
                break;

            case DemoState.OptedOut:
                var reason = PickOptOutReason();
                var optedOutAt = Between(created.AddMinutes(1), created.AddDays(300));
                if (reason == OptOutReason.StopKeyword)
                {
                    contact.Messages.Add(new DemoMessage(MessageDirection.Inbound, Pick(["STOP", "stop", "Stop", "UNSUBSCRIBE", "cancel"]), optedOutAt, optedOutAt, DeliveryStatus.Received));
                    Outbound(contact, $"{senderCode.Name}: You are unsubscribed and will receive no further messages. Reply START to resubscribe.", Between(optedOutAt, optedOutAt.AddSeconds(1)));
                }

                contact.OptedOutUtc = optedOutAt;
                contact.OptOutReason = reason;
                contact.Events.Add(new DemoEvent(optedOutAt, reason == OptOutReason.Banned ? ConsentChanges.Banned : ConsentChanges.OptedOut, null, ConsentStates.Subscribed, ConsentStates.OptedOut(reason), SourceOf(reason)));
                break;

            case DemoState.Other:
                var reply = Pick(DemoData.InvalidReplies);
                contact.Messages.Add(new DemoMessage(MessageDirection.Inbound, doubleOptIn.Keywords.First().Keyword, created, created, DeliveryStatus.Received));
                var asked = Outbound(contact, ConsentTexts.ConfirmationRequest(senderCode.Name, doubleOptIn.Name), Between(created, created.AddSeconds(2)));
                var repliedAt = Between(asked.AddSeconds(20), asked.AddMinutes(7));
                contact.Messages.Add(new DemoMessage(MessageDirection.Inbound, reply, repliedAt, repliedAt, DeliveryStatus.Received));
                contact.OtherReply = reply;
                contact.OtherReplyUtc = repliedAt;
                contact.Events.Add(new DemoEvent(repliedAt, ConsentChanges.ConfirmationRefused, doubleOptIn, ConsentStates.Pending, ConsentStates.NotSubscribed, ConsentSource.InboundText));
                break;
        }

        return contact;
    }

    /// <summary>
    /// A text sent to the contact at <paramref name="sent"/> and delivered a few seconds later (never after now); the
    /// contact's Last Message, Last Send and Compliance Last Sent dates follow, as delivery receipts set them.
    /// Returns when it was delivered.
    /// </summary>
    private DateTime Outbound(DemoContact contact, string body, DateTime sent)
    {
        var delivered = Between(sent, sent.AddSeconds(_random.Next(1, 6)));
        contact.Messages.Add(new DemoMessage(MessageDirection.Outbound, body, sent, delivered, DeliveryStatus.Succeeded));
        contact.LastMessageUtc = Latest(contact.LastMessageUtc, sent);
        contact.LastSendUtc = Latest(contact.LastSendUtc, delivered);
        if (ComplianceMessage.Holds(body))
        {
            contact.ComplianceLastSentUtc = Latest(contact.ComplianceLastSentUtc, delivered);
        }

        return delivered;
    }

    private static DateTime Latest(DateTime? current, DateTime candidate) => current is { } c && c > candidate ? c : candidate;

    /// <summary>A moment from <paramref name="from"/> to <paramref name="to"/>, to the second, never after now (nor before <paramref name="from"/>).</summary>
    private DateTime Between(DateTime from, DateTime to)
    {
        var end = to < _now ? to : _now;
        var seconds = (long)(end - from).TotalSeconds;
        return seconds <= 0 ? from : from.AddSeconds(_random.NextInt64(0, seconds + 1));
    }

    private async Task WriteDetailsAsync(DemoRowWriter writer, SenderCode senderCode, List<CustomFieldDefinition> fields, DemoContact contact, long contactId, CancellationToken ct)
    {
        foreach (var field in fields.Where(_ => Chance(0.35)))
        {
            await writer.InsertCustomValueAsync(contactId, field.Id, RandomValue(field.Type), ct);
        }

        foreach (var s in contact.Subscriptions)
        {
            await writer.InsertSubscriptionAsync(senderCode.Id, contactId, s.List.Id, contact.Phone, s.Status, s.At, s.Method, s.Keyword, ct);
        }

        foreach (var m in contact.Messages)
        {
            await writer.InsertMessageAsync(senderCode.Id, contactId, contact.Phone, m.Direction, m.Body, m.CreatedUtc, m.DeliveredUtc, m.Status, ct);
        }

        foreach (var e in contact.Events)
        {
            await writer.InsertConsentEventAsync(senderCode.Id, contactId, contact.Phone, e.At, e.Change, e.List, e.Before, e.After, e.Source, null, ct);
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
        DateTime CreatedUtc)
    {
        public DateTime? OptedOutUtc { get; set; }

        public OptOutReason? OptOutReason { get; set; }

        public string? OtherReply { get; set; }

        public DateTime? OtherReplyUtc { get; set; }

        public DateTime? LastMessageUtc { get; set; }

        public DateTime? LastSendUtc { get; set; }

        public DateTime? LastClickUtc { get; set; }

        public DateTime? ComplianceLastSentUtc { get; set; }

        public List<DemoSubscription> Subscriptions { get; } = [];

        public List<DemoMessage> Messages { get; } = [];

        public List<DemoEvent> Events { get; } = [];
    }

    private sealed record DemoSubscription(ContactList List, SubscriptionStatus Status, DateTime At, SubscribeMethod Method, string? Keyword);

    private sealed record DemoMessage(MessageDirection Direction, string Body, DateTime CreatedUtc, DateTime DeliveredUtc, DeliveryStatus Status);

    private sealed record DemoEvent(DateTime At, string Change, ContactList? List, string Before, string After, ConsentSource Source);

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
            Run("INSERT INTO Contacts (SenderCodeId, Phone, PhoneDigitsReversed, Email, FirstName, LastName, Birthday, PostalCode, CreatedUtc, UpdatedUtc, Version, "
                + "OptedOutUtc, OptOutReason, OtherReply, OtherReplyUtc, LastMessageUtc, LastSendUtc, LastClickUtc, ComplianceLastSentUtc) "
                + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p8, 0, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)",
                ct, senderCodeId, c.Phone, ContactPhone.DigitsReversed(c.Phone), c.Email, c.FirstName, c.LastName, c.Birthday?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.PostalCode, c.CreatedUtc,
                c.OptedOutUtc, c.OptOutReason is { } reason ? (int)reason : null, c.OtherReply, c.OtherReplyUtc, c.LastMessageUtc, c.LastSendUtc, c.LastClickUtc, c.ComplianceLastSentUtc);

        public Task InsertSubscriptionAsync(int senderCodeId, long contactId, int listId, string phone, SubscriptionStatus status, DateTime at, SubscribeMethod method, string? keyword, CancellationToken ct) =>
            Run("INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 1, 0, @p8)",
                ct, senderCodeId, contactId, listId, phone, (int)status, at, (int)method, keyword, status == SubscriptionStatus.Active ? at : null);

        public Task InsertCustomValueAsync(long contactId, int fieldId, string value, CancellationToken ct) =>
            Run("INSERT INTO CustomFieldValues (ContactId, FieldId, Value) VALUES (@p0, @p1, @p2)", ct, contactId, fieldId, value);

        public Task InsertMessageAsync(int senderCodeId, long contactId, string phone, MessageDirection direction, string body, DateTime at, DateTime deliveredUtc, DeliveryStatus status, CancellationToken ct) =>
            Run("INSERT INTO Messages (SenderCodeId, ContactId, Phone, Direction, Body, CreatedUtc, DeliveredUtc, Status) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)",
                ct, senderCodeId, contactId, phone, (int)direction, body, at, deliveredUtc, (int)status);

        public Task InsertConsentEventAsync(int senderCodeId, long contactId, string phone, DateTime at, string change, ContactList? list, string before, string after, ConsentSource source, string? userName, CancellationToken ct) =>
            Run("INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserName) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)",
                ct, senderCodeId, contactId, phone, at, change, list?.Id, list?.Name, before, after, (int)source, userName ?? "demo data");

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
