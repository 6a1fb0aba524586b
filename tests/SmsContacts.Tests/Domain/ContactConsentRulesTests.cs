using Microsoft.Extensions.Time.Testing;
using SmsContacts.Web.Domain;
using Xunit.Sdk;

namespace SmsContacts.Tests.Domain;

/// <summary>
/// The consent rules alone, without an app or a database: every state a number can be in on a sender code with three
/// lists (each list not joined, pending or active; opted out for each reason with any set of remembered lists; an Other
/// Contact or not), times every change <see cref="ContactConsent"/> makes, checked against the rules the product states.
/// <see cref="ContactConsentTests"/> runs the same rules through EF on a real SQLite file.
/// </summary>
public sealed class ContactConsentRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 16, 12, 0, DateTimeKind.Utc);
    private static readonly ConsentActor Actor = new(ConsentSource.UserAction, "user-1", "mia@example.com", Detail: "a test");
    private static readonly ContactList[] Lists = [List(1, "VIP"), List(2, "Promotions"), List(3, "Weekly Deals")];

    private readonly ContactConsent _consent = new(new FakeTimeProvider(new DateTimeOffset(Now)));

    /// <summary>A list's state, as a number's subscription to it.</summary>
    public enum On
    {
        None,
        Pending,
        Active,
    }

    /// <summary>One starting state: subscriptions per list, or an opt-out with the lists it remembered.</summary>
    public sealed record State(On[] Subscriptions, OptOutReason? Reason, bool[] Suspended, bool Other)
    {
        public override string ToString() =>
            Reason is { } reason
                ? $"opted out ({reason}), remembering [{string.Join(",", Lists.Where((_, i) => Suspended[i]).Select(l => l.Name))}]"
                : $"[{string.Join(",", Subscriptions)}]{(Other ? " other" : "")}";
    }

    /// <summary>Every state: 27 of subscriptions × Other or not, and each opt-out reason × the 8 sets of remembered lists.</summary>
    public static IEnumerable<State> States()
    {
        var ons = Enum.GetValues<On>();
        foreach (var a in ons)
        {
            foreach (var b in ons)
            {
                foreach (var c in ons)
                {
                    yield return new State([a, b, c], null, [false, false, false], Other: false);
                    yield return new State([a, b, c], null, [false, false, false], Other: true);
                }
            }
        }

        foreach (var reason in Enum.GetValues<OptOutReason>())
        {
            for (var mask = 0; mask < 8; mask++)
            {
                yield return new State([On.None, On.None, On.None], reason, [(mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0], Other: false);
            }
        }
    }

    [Fact]
    public void Subscribe_RefusesEveryOptedOutAndBannedNumber_AndAddsAListOnlyToOneItIsNotOn()
    {
        var cases = 0;
        foreach (var state in States())
        {
            foreach (var list in Lists)
            {
                foreach (var pending in new[] { false, true })
                {
                    cases++;
                    Check(state, $"Subscribe {list.Name} pending={pending}", contact =>
                    {
                        var before = Snapshot(contact);
                        var outcome = _consent.Subscribe(contact, list, new SubscriptionRequest(SubscribeMethod.Keyword, "JOIN", Pending: pending), Actor);
                        var expected = state.Reason switch
                        {
                            OptOutReason.Banned => SubscribeOutcome.RefusedBanned,
                            not null => SubscribeOutcome.RefusedOptedOut,
                            _ when state.Subscriptions[list.Id - 1] != On.None => SubscribeOutcome.AlreadyOnList,
                            _ => pending ? SubscribeOutcome.Pending : SubscribeOutcome.Subscribed,
                        };
                        Assert.Equal(expected, outcome);
                        if (expected is not (SubscribeOutcome.Subscribed or SubscribeOutcome.Pending))
                        {
                            Assert.Equal(before, Snapshot(contact));
                            return;
                        }

                        var added = Assert.Single(contact.Subscriptions, s => s.ListId == list.Id);
                        Assert.Equal((pending ? SubscriptionStatus.Pending : SubscriptionStatus.Active, Now, pending ? null : (DateTime?)Now, SubscribeMethod.Keyword, "JOIN"),
                            (added.Status, added.SubscribedUtc, added.ConfirmedUtc, added.Method, added.Keyword));
                        Assert.Null(contact.OtherReply);
                        var recorded = Assert.Single(contact.ConsentEvents);
                        Assert.Equal((ConsentChanges.OfNewSubscription(pending), list.Id, list.Name, ConsentStates.NotSubscribed, pending ? ConsentStates.Pending : ConsentStates.Subscribed, SubscribeMethod.Keyword),
                            (recorded.Change, recorded.ListId, recorded.ListName, recorded.StateBefore, recorded.StateAfter, recorded.Method));
                    });
                }
            }
        }

        Assert.Equal(States().Count() * 6, cases);
    }

    [Fact]
    public void OptOut_TakesTheNumberOffEveryList_RemembersTheActiveOnes_AtOneInstant_AndKeepsAnEarlierOptOut()
    {
        foreach (var state in States())
        {
            foreach (var reason in Enum.GetValues<OptOutReason>())
            {
                Check(state, $"OptOut {reason}", contact =>
                {
                    var before = Snapshot(contact);
                    var stateBefore = ContactConsent.StateOf(contact);
                    var wasOn = contact.Subscriptions.ToList();
                    var remembered = contact.SuspendedSubscriptions!.Select(s => s.ListId).ToHashSet();
                    _consent.OptOut(contact, reason, Actor);

                    if (state.Reason is not null && (reason != OptOutReason.Banned || state.Reason == OptOutReason.Banned))
                    {
                        // An existing opt-out is the truth (its date and reason); only a ban overrides it.
                        Assert.Equal(before, Snapshot(contact));
                        return;
                    }

                    Assert.Empty(contact.Subscriptions);
                    Assert.Equal((reason, Now), (contact.OptOutReason, contact.OptedOutUtc));
                    var expectedRemembered = reason == OptOutReason.Banned
                        ? []
                        : remembered.Union(wasOn.Where(s => s.Status == SubscriptionStatus.Active).Select(s => s.ListId)).Order().ToList();
                    Assert.Equal(expectedRemembered, contact.SuspendedSubscriptions!.Select(s => s.ListId).Order());

                    // One event per list it leaves, then the sender code's, all at the opt-out's instant, words of the reason.
                    var change = reason == OptOutReason.Banned ? ConsentChanges.Banned : ConsentChanges.OptedOut;
                    var after = reason == OptOutReason.Banned ? ConsentStates.Banned : ConsentStates.OptedOut(reason);
                    var expected = wasOn.Select(s => (change, (int?)s.ListId, ConsentStates.Of(s.Status), after)).Append((change, null, stateBefore, after)).ToList();
                    Assert.Equal(expected, contact.ConsentEvents.Select(e => (e.Change, e.ListId, e.StateBefore, e.StateAfter)));
                    Assert.All(contact.ConsentEvents, e => Assert.Equal((Now, ConsentSource.UserAction, "mia@example.com"), (e.OccurredUtc, e.Source, e.UserName)));
                    Assert.Equal(contact.ConsentEvents.Count, contact.Version);
                });
            }
        }
    }

    [Fact]
    public void OptBackIn_RestoresExactlyTheRememberedLists_NeverForABannedNumber()
    {
        foreach (var state in States())
        {
            Check(state, "OptBackIn", contact =>
            {
                var before = Snapshot(contact);
                var remembered = contact.SuspendedSubscriptions!.ToList();
                var result = _consent.OptBackIn(contact, Actor);

                Assert.Equal(state.Reason != OptOutReason.Banned, result);
                if (state.Reason is null or OptOutReason.Banned)
                {
                    Assert.Equal(before, Snapshot(contact));
                    return;
                }

                Assert.False(contact.IsOptedOut);
                Assert.Empty(contact.SuspendedSubscriptions!);
                Assert.Equal(remembered.Select(s => s.ListId).Order(), contact.Subscriptions.Select(s => s.ListId).Order());
                Assert.All(contact.Subscriptions, s => Assert.Equal((SubscriptionStatus.Active, SubscribeMethod.Form, Now), (s.Status, s.Method, s.ConfirmedUtc)));
                var expected = remembered.Select(s => (ConsentChanges.Resubscribed, (int?)s.ListId, ConsentStates.OptedOutAnyReason, ConsentStates.Subscribed))
                    .Append((ConsentChanges.OptedBackIn, null, ConsentStates.OptedOut(state.Reason.Value), remembered.Count > 0 ? ConsentStates.Subscribed : ConsentStates.NotSubscribed))
                    .ToList();
                Assert.Equal(expected, contact.ConsentEvents.Select(e => (e.Change, e.ListId, e.StateBefore, e.StateAfter)));
            });
        }
    }

    [Fact]
    public void Unsubscribe_TakesOneList_AndTheLastOneOptsTheNumberOutAsManual()
    {
        foreach (var state in States())
        {
            foreach (var list in Lists)
            {
                Check(state, $"Unsubscribe {list.Name}", contact =>
                {
                    var before = Snapshot(contact);
                    var on = state.Subscriptions[list.Id - 1];
                    var others = state.Subscriptions.Count(s => s != On.None) - (on == On.None ? 0 : 1);
                    Assert.Equal(on != On.None, _consent.Unsubscribe(contact, list, Actor));
                    if (on == On.None)
                    {
                        Assert.Equal(before, Snapshot(contact));
                    }
                    else if (others == 0)
                    {
                        Assert.Equal((OptOutReason.Manual, 0), (contact.OptOutReason, contact.Subscriptions.Count));
                        Assert.Equal(on == On.Active ? new[] { list.Id } : [], contact.SuspendedSubscriptions!.Select(s => s.ListId));
                    }
                    else
                    {
                        Assert.DoesNotContain(contact.Subscriptions, s => s.ListId == list.Id);
                        Assert.Equal(others, contact.Subscriptions.Count);
                        Assert.False(contact.IsOptedOut);
                        var recorded = Assert.Single(contact.ConsentEvents);
                        Assert.Equal((ConsentChanges.Unsubscribed, list.Name, on == On.Pending ? ConsentStates.Pending : ConsentStates.Subscribed, ConsentStates.NotSubscribed),
                            (recorded.Change, recorded.ListName, recorded.StateBefore, recorded.StateAfter));
                    }
                });
            }
        }
    }

    [Fact]
    public void ConfirmAndMarkOther_ChangeOnlyPendingSubscriptions()
    {
        foreach (var state in States())
        {
            Check(state, "Confirm", contact =>
            {
                var pending = state.Subscriptions.Select((on, i) => (on, Lists[i])).Where(p => p.on == On.Pending).Select(p => p.Item2.Id).ToList();
                Assert.Equal(pending, _consent.Confirm(contact, Lists, Actor).Select(l => l.Id));
                Assert.All(contact.Subscriptions, s => Assert.Equal(SubscriptionStatus.Active, s.Status));
                Assert.Equal(pending.Count, contact.ConsentEvents.Count(e => e is { Change: ConsentChanges.Confirmed, StateBefore: ConsentStates.Pending, StateAfter: ConsentStates.Subscribed }));
            });
            Check(state, "MarkOther", contact =>
            {
                var active = state.Subscriptions.Count(s => s == On.Active);
                _consent.MarkOther(contact, "maybe", Lists, Actor);
                Assert.Equal(active, contact.Subscriptions.Count);
                Assert.Equal(("maybe", Now), (contact.OtherReply, contact.OtherReplyUtc));
                Assert.Equal(state.Subscriptions.Count(s => s == On.Pending), contact.ConsentEvents.Count(e => e.Change == ConsentChanges.ConfirmationRefused));
            });
        }
    }

    [Fact]
    public void StateOf_SaysTheNumbersStateOnTheSenderCode_InWords()
    {
        foreach (var state in States())
        {
            var expected = state switch
            {
                { Reason: { } reason } => ConsentStates.OptedOut(reason),
                _ when state.Subscriptions.Contains(On.Active) => ConsentStates.Subscribed,
                _ when state.Subscriptions.Contains(On.Pending) => ConsentStates.Pending,
                { Other: true } => ConsentStates.OtherContact,
                _ => ConsentStates.NotSubscribed,
            };
            Assert.Equal(expected, ContactConsent.StateOf(Build(state, loaded: true)));
        }
    }

    [Fact]
    public void RecordUnchanged_WritesOneEventWithTheSameStateBeforeAndAfter_AndChangesNothingElse()
    {
        foreach (var state in States())
        {
            Check(state, "RecordUnchanged", contact =>
            {
                var stateNow = ContactConsent.StateOf(contact);
                var subscriptions = contact.Subscriptions.Select(s => (s.ListId, s.Status)).ToList();
                _consent.RecordUnchanged(contact, ConsentChanges.ReviewedNotAnOptOut, Actor);
                var recorded = Assert.Single(contact.ConsentEvents);
                Assert.Equal((ConsentChanges.ReviewedNotAnOptOut, stateNow, stateNow, (int?)null), (recorded.Change, recorded.StateBefore, recorded.StateAfter, recorded.ListId));
                Assert.Equal(subscriptions, contact.Subscriptions.Select(s => (s.ListId, s.Status)));
            });
        }
    }

    /// <summary>A change that needs what was not loaded refuses to guess: a list forgotten by not reading it is a consent bug.</summary>
    [Fact]
    public void AChangeThatNeedsWhatIsNotLoaded_Throws_AndANewContactNeedsNothingLoaded()
    {
        var saved = Build(new State([On.Active, On.None, On.None], null, [false, false, false], Other: false), loaded: false);
        Assert.Throws<InvalidOperationException>(() => _consent.OptOut(saved, OptOutReason.StopKeyword, Actor));
        Assert.Throws<InvalidOperationException>(() => _consent.Ban(saved, Actor));

        var optedOut = Build(new State([On.None, On.None, On.None], OptOutReason.StopKeyword, [true, false, false], Other: false), loaded: false);
        Assert.Throws<InvalidOperationException>(() => _consent.OptBackIn(optedOut, Actor));

        var listNotLoaded = Build(new State([On.Active, On.None, On.None], null, [false, false, false], Other: false), loaded: true);
        listNotLoaded.Subscriptions[0].List = null;
        Assert.Throws<InvalidOperationException>(() => _consent.OptOut(listNotLoaded, OptOutReason.StopKeyword, Actor));

        // A contact with only pending subscriptions remembers nothing at an opt-out: nothing to load.
        var pendingOnly = Build(new State([On.Pending, On.None, On.None], null, [false, false, false], Other: false), loaded: false);
        _consent.OptOut(pendingOnly, OptOutReason.StopKeyword, Actor);
        Assert.True(pendingOnly.IsOptedOut);

        var brandNew = new Contact { SenderCodeId = 7, Phone = "+14155550100" };
        _consent.OptOut(brandNew, OptOutReason.StopKeyword, Actor);
        _consent.Ban(brandNew, Actor);
        Assert.Equal((OptOutReason.Banned, 2), (brandNew.OptOutReason, brandNew.ConsentEvents.Count));
    }

    private void Check(State state, string change, Action<Contact> check)
    {
        try
        {
            check(Build(state, loaded: true));
        }
        catch (Exception e) when (e is XunitException or InvalidOperationException)
        {
            throw new XunitException($"{change} on a number {state}: {e.Message}");
        }
    }

    /// <summary>A saved contact (Id 42) in the state, with what the rules read loaded (or its suspended subscriptions not).</summary>
    private static Contact Build(State state, bool loaded)
    {
        var contact = new Contact
        {
            Id = 42,
            SenderCodeId = 7,
            Phone = "+14155550134",
            CreatedUtc = Now.AddDays(-30),
            UpdatedUtc = Now.AddDays(-30),
            OptOutReason = state.Reason,
            OptedOutUtc = state.Reason is null ? null : Now.AddDays(-3),
            OtherReply = state.Other ? "what?" : null,
            OtherReplyUtc = state.Other ? Now.AddDays(-2) : null,
            SuspendedSubscriptions = loaded ? [] : null,
        };
        for (var i = 0; i < Lists.Length; i++)
        {
            if (state.Subscriptions[i] != On.None)
            {
                contact.Subscriptions.Add(new Subscription
                {
                    ContactId = 42,
                    SenderCodeId = 7,
                    ListId = Lists[i].Id,
                    List = Lists[i],
                    Phone = contact.Phone,
                    Status = state.Subscriptions[i] == On.Pending ? SubscriptionStatus.Pending : SubscriptionStatus.Active,
                    SubscribedUtc = Now.AddDays(-10),
                    ConfirmedUtc = state.Subscriptions[i] == On.Pending ? null : Now.AddDays(-10),
                    Method = SubscribeMethod.Import,
                });
            }

            if (state.Suspended[i] && loaded)
            {
                contact.SuspendedSubscriptions!.Add(new SuspendedSubscription
                {
                    ContactId = 42,
                    ListId = Lists[i].Id,
                    List = Lists[i],
                    SubscribedUtc = Now.AddDays(-10),
                    Method = SubscribeMethod.Form,
                    SuspendedUtc = Now.AddDays(-3),
                });
            }
        }

        return contact;
    }

    /// <summary>Everything a change could touch, to tell "changed nothing" from "changed something".</summary>
    private static string Snapshot(Contact c) =>
        $"{c.OptOutReason} {c.OptedOutUtc:O} {c.OtherReply} {c.Version} {c.UpdatedUtc:O} events={c.ConsentEvents.Count} " +
        $"subs={string.Join(",", c.Subscriptions.Select(s => $"{s.ListId}:{s.Status}"))} " +
        $"suspended={string.Join(",", c.SuspendedSubscriptions?.Select(s => s.ListId) ?? [])}";

    private static ContactList List(int id, string name) => new() { Id = id, SenderCodeId = 7, Name = name };
}
