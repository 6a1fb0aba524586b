namespace SmsContacts.Web.Data.Migrations;

/// <summary>
/// The count triggers exactly as the migration InitialSchema created them (released text, frozen: a released migration runs
/// as it ran). The migration CompactCountTriggers replaces them with <see cref="GridDateCountsSql.SqliteTriggers"/> and
/// <see cref="ListActivitySql.SqliteTriggerStatement"/>, which count the same with fewer statements.
/// </summary>
public static class InitialSchemaCountTriggers
{
    /// <summary>SubscribeDateCounts' and OptOutDateCounts' triggers, in InitialSchema's order.</summary>
    public static IReadOnlyList<string> GridDateCounts { get; } =
        [
            """
            CREATE TRIGGER Subscriptions_DateCount_Insert AFTER INSERT ON Subscriptions BEGIN
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (NEW.SenderCodeId, NEW.ListId, 1440, substr(NEW.SubscribedUtc, 1, 10) || ' 00:00:00', 1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (NEW.SenderCodeId, NEW.ListId, 15, substr(NEW.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(NEW.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', 1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
            """
            CREATE TRIGGER Subscriptions_DateCount_Delete AFTER DELETE ON Subscriptions BEGIN
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (OLD.SenderCodeId, OLD.ListId, 1440, substr(OLD.SubscribedUtc, 1, 10) || ' 00:00:00', -1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (OLD.SenderCodeId, OLD.ListId, 15, substr(OLD.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(OLD.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', -1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
            """
            CREATE TRIGGER Subscriptions_DateCount_Update AFTER UPDATE OF SenderCodeId, ListId, SubscribedUtc ON Subscriptions
            WHEN NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.ListId <> OLD.ListId OR NEW.SubscribedUtc IS NOT OLD.SubscribedUtc BEGIN
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (OLD.SenderCodeId, OLD.ListId, 1440, substr(OLD.SubscribedUtc, 1, 10) || ' 00:00:00', -1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (OLD.SenderCodeId, OLD.ListId, 15, substr(OLD.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(OLD.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', -1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (NEW.SenderCodeId, NEW.ListId, 1440, substr(NEW.SubscribedUtc, 1, 10) || ' 00:00:00', 1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
                VALUES (NEW.SenderCodeId, NEW.ListId, 15, substr(NEW.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(NEW.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', 1)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
            """
            CREATE TRIGGER Contacts_OptOutDateCount_Insert AFTER INSERT ON Contacts WHEN NEW.OptedOutUtc IS NOT NULL BEGIN
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT NEW.SenderCodeId, 0, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
                WHERE NEW.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT NEW.SenderCodeId, l.ListId, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT NEW.SenderCodeId, 0, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
                WHERE NEW.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT NEW.SenderCodeId, l.ListId, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
            """
            CREATE TRIGGER Contacts_OptOutDateCount_Delete AFTER DELETE ON Contacts WHEN OLD.OptedOutUtc IS NOT NULL BEGIN
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT OLD.SenderCodeId, 0, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
                WHERE OLD.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT OLD.SenderCodeId, l.ListId, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT OLD.SenderCodeId, 0, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
                WHERE OLD.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT OLD.SenderCodeId, l.ListId, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
            """
            CREATE TRIGGER Contacts_OptOutDateCount_Update AFTER UPDATE OF SenderCodeId, OptedOutUtc, OptOutReason ON Contacts
            WHEN NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.OptedOutUtc IS NOT OLD.OptedOutUtc OR NEW.OptOutReason IS NOT OLD.OptOutReason BEGIN
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT OLD.SenderCodeId, 0, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
                WHERE OLD.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT OLD.SenderCodeId, l.ListId, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT OLD.SenderCodeId, 0, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
                WHERE OLD.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT OLD.SenderCodeId, l.ListId, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT NEW.SenderCodeId, 0, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
                WHERE NEW.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT NEW.SenderCodeId, l.ListId, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT NEW.SenderCodeId, 0, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
                WHERE NEW.OptedOutUtc IS NOT NULL
                UNION ALL
                SELECT NEW.SenderCodeId, l.ListId, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
                FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
            """
            CREATE TRIGGER ConsentEvents_OptOutDateCount AFTER INSERT ON ConsentEvents
            WHEN NEW.ListId IS NOT NULL AND NEW.Change IN ('Opted out', 'Banned') BEGIN
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT c.SenderCodeId, NEW.ListId, 1440, substr(c.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(c.OptOutReason, 0), 1
                FROM Contacts AS c
                WHERE c.Id = NEW.ContactId AND c.OptedOutUtc = NEW.OccurredUtc
                AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = NEW.ContactId AND e.OccurredUtc = NEW.OccurredUtc
                    AND e.ListId = NEW.ListId AND e.Change IN ('Opted out', 'Banned') AND e.Id <> NEW.Id)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
                INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
                SELECT c.SenderCodeId, NEW.ListId, 15, substr(c.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(c.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(c.OptOutReason, 0), 1
                FROM Contacts AS c
                WHERE c.Id = NEW.ContactId AND c.OptedOutUtc = NEW.OccurredUtc
                AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = NEW.ContactId AND e.OccurredUtc = NEW.OccurredUtc
                    AND e.ListId = NEW.ListId AND e.Change IN ('Opted out', 'Banned') AND e.Id <> NEW.Id)
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
            END;
            """,
        ];

    /// <summary>ListActivity's trigger on ConsentEvents.</summary>
    public const string ListActivity =
            """
            CREATE TRIGGER ConsentEvents_ListActivity AFTER INSERT ON ConsentEvents
            WHEN NEW.ListId IS NOT NULL AND NEW.StateBefore <> NEW.StateAfter AND (NEW.StateBefore IN ('Subscribed', 'Pending') OR NEW.StateAfter IN ('Subscribed', 'Pending'))
            BEGIN
            INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
                VALUES (NEW.SenderCodeId, NEW.ListId, 1440, substr(NEW.OccurredUtc, 1, 10) || ' 00:00:00', CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN 1 WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN 2 ELSE 3 END, CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Resubscribed' THEN 100 ELSE COALESCE(NEW.Method, -1) END) WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Unsubscribed' THEN 100 WHEN NEW.Change = 'Confirmation refused' THEN 101 ELSE CASE WHEN NEW.StateAfter = 'Banned' THEN 1 WHEN NEW.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 WHEN NEW.StateAfter = 'Opted out (Import)' THEN 3 WHEN NEW.StateAfter = 'Opted out (Manual)' THEN 4 WHEN NEW.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END END) ELSE 0 END, 1, ((NEW.StateAfter = 'Pending') - (NEW.StateBefore = 'Pending')))
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
                DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
            INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
                VALUES (NEW.SenderCodeId, NEW.ListId, 60, substr(NEW.OccurredUtc, 1, 13) || ':00:00', CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN 1 WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN 2 ELSE 3 END, CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Resubscribed' THEN 100 ELSE COALESCE(NEW.Method, -1) END) WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Unsubscribed' THEN 100 WHEN NEW.Change = 'Confirmation refused' THEN 101 ELSE CASE WHEN NEW.StateAfter = 'Banned' THEN 1 WHEN NEW.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 WHEN NEW.StateAfter = 'Opted out (Import)' THEN 3 WHEN NEW.StateAfter = 'Opted out (Manual)' THEN 4 WHEN NEW.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END END) ELSE 0 END, 1, ((NEW.StateAfter = 'Pending') - (NEW.StateBefore = 'Pending')))
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
                DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
            INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
                VALUES (NEW.SenderCodeId, NEW.ListId, 15, substr(NEW.OccurredUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OccurredUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN 1 WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN 2 ELSE 3 END, CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Resubscribed' THEN 100 ELSE COALESCE(NEW.Method, -1) END) WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Unsubscribed' THEN 100 WHEN NEW.Change = 'Confirmation refused' THEN 101 ELSE CASE WHEN NEW.StateAfter = 'Banned' THEN 1 WHEN NEW.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 WHEN NEW.StateAfter = 'Opted out (Import)' THEN 3 WHEN NEW.StateAfter = 'Opted out (Manual)' THEN 4 WHEN NEW.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END END) ELSE 0 END, 1, ((NEW.StateAfter = 'Pending') - (NEW.StateBefore = 'Pending')))
                ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
                DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
            END;
            """;
}
