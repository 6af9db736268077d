# Entraide — English catalogue.
# Every id here also exists in fr.ftl; a test checks it.

## Refusals and errors

refusal-not-member = You are not a member yet. Ask a member for an invitation code, then write to me privately: /join CODE
refusal-banned = You have been banned from this community: you can no longer do anything here.
refusal-suspended = Your account is suspended: you cannot do anything for now.
refusal-not-moderator = This command is for moderators only.
refusal-already-member = You are already a member: no invitation code needed.
refusal-malformed-code = That is not a valid invitation code: it has 16 characters, like ABCD-EFGH-JKMN-PQRS.
refusal-unknown-code = That invitation code does not exist. Check it, or ask your sponsor for a new one.
refusal-code-used = That invitation code was already used: each code works once. Ask for a new one.
refusal-code-expired = That invitation code has expired. Ask your sponsor for a new one.
refusal-code-revoked = That invitation code was revoked. Ask your sponsor for a new one.
refusal-on-trial = You are still on trial: you can invite from { $date }.
refusal-invites-withdrawn = The moderators withdrew your right to invite. Reason: { $reason }.
refusal-quota-exhausted = You already created { $quota } invitations this period: the next one is possible on { $date }.
refusal-not-your-invitation = This invitation is not yours: only its sponsor and the moderators can revoke it.
refusal-cannot-revoke = This invitation was already used or revoked.
refusal-unknown-link-code = That link code does not exist or was used. Type { "/link" } from your member account to get one.
refusal-link-code-expired = That link code expired. Get a new one with { "/link" } from your member account.
refusal-already-linked = This account is already linked to your membership.
refusal-account-of-another-member = This account already belongs to another member.
refusal-no-account-there = You have no linked { $platform } account.
refusal-candidate = Your application still needs vouches: you can do everything once you are a member. Type /help to see where you stand.
refusal-not-a-candidate = { $name } is not a candidate.
refusal-self-vouch = Nobody vouches for themself.
refusal-already-vouched = You already vouched for { $name }: each member counts once.
refusal-unknown-held-join = No arrival #{ $id } is waiting for a decision.
refusal-code-in-group = Codes are typed in a private chat with me, not in the group where everyone sees them.
refusal-last-account = This is your only linked account: at least one must stay.
refusal-sponsor-not-active = That code no longer works: the member who created it is no longer in good standing.
refusal-unknown-post = I cannot find post #{ $id }.
refusal-unknown-match = I cannot find proposal #{ $id } for you.
refusal-not-your-post = Post #{ $id } is not yours.
refusal-not-a-request = Post #{ $id } is an offer, not a request.
refusal-post-finished = Post #{ $id } is no longer open.
refusal-partner-unavailable = The other member of this proposal is no longer active in the community: it cannot go further.
refusal-match-not-waiting = Proposal #{ $id } is not waiting for your answer.
refusal-unknown-member = I cannot find any member "{ $name }". Use their display name or number (#12).
refusal-ambiguous-member = Several members are called "{ $name }": give the number ({ $ids }).
refusal-self-sanction = You cannot sanction yourself.
refusal-target-outranks = Only an admin can sanction a moderator or an admin.
refusal-already-banned = That member is already banned.
refusal-unknown-command = I do not know the command /{ $word }. Type /help for the list.
refusal-too-long = Your message is too long ({ $max } characters at most).
refusal-place = This place { $why }: I keep only a city or a neighbourhood (for example "Lyon 3e" or "Paris 75011"), never an address, phone number, e-mail or link. Nothing was saved.
place-why-address = looks like a street address (a number with a street, square, quay…)
place-why-building = gives details of a home (building, staircase, floor, flat, residence…)
place-why-phone = looks like a phone number
place-why-email = looks like an e-mail address
place-why-handle = looks like an account handle (@…)
place-why-link = looks like a link
place-why-too-long = is too long ({ $max } characters at most)
place-why-no-name = has no city or neighbourhood name in it
refusal-conflict = Someone changed the same thing at the same moment. Please try again.
refusal-not-recorded = I could not record anything: the database refuses to write right now. What you just sent was not taken into account; please try again in a few minutes.
refusal-internal = A technical problem stops me from handling this message. Try again in a moment; if it happens again, tell the moderators.
answered-privately = I answered you privately.
not-understood = I did not understand. Type /help to see what I can do.

## Help and command usage

help-title = Commands of { $community }:
help-visitor = Welcome! To enter the community you need a sponsor: ask a member for an invitation code, then type /join CODE.
usage-help = { $cmd }: this help
usage-need = { $cmd } TEXT: ask for help (e.g. { $cmd } a drill to borrow this weekend)
usage-offer = { $cmd } TEXT: offer help, a loan, a gift… (e.g. { $cmd } I lend my drill)
usage-invite = { $cmd } [FOR WHOM]: create an invitation code to sponsor someone (an optional note says for whom)
usage-join = { $cmd } CODE: enter the community with an invitation code
usage-accept = { $cmd } N: say yes to proposal #N (to help, or to confirm help)
usage-decline = { $cmd } N [WHY]: say no to proposal #N; when asked to help, you may add "not now" or "not mine" (not what you offer)
usage-reply = { $cmd } N TEXT: write to the other person of match #N, through the bot
usage-share = { $cmd } N: give your contact to the other person of match #N
usage-end = { $cmd } N: end conversation #N
usage-time = { $cmd } N HOURS: say how much time you were given for your request #N (time credits)
usage-balance = { $cmd }: your time balance and latest exchanges
usage-correct = { $cmd } N REASON: compensate time exchange #N (it stays in the log)
usage-alert = { $cmd } TEXT: propose an alert to the whole community (a closure, a collection…); moderators publish it
usage-announce = { $cmd } TEXT: post an announcement in every group, on every app
usage-publish = { $cmd } N: publish alert #N proposed by a member
usage-withdraw = { $cmd } N: take announcement #N down everywhere
usage-done = { $cmd } N: your request #N was met
usage-thanks = { $cmd } N: your request #N was met, and thank whoever helped
usage-reopen = { $cmd } N: your request #N is still open
usage-close = { $cmd } N: close your post #N
usage-renew = { $cmd } N: keep your request #N open for another period
usage-mine = { $cmd }: your current posts and the questions waiting for you
usage-place = { $cmd } CITY: your city or neighbourhood (never your address); { $cmd } none to clear it
usage-language = { $cmd } fr|en: the language I speak to you in
usage-ban = { $cmd } MEMBER REASON: ban a member on every platform (moderation)
usage-revoke = { $cmd } CODE: revoke an invitation you created
usage-withdraw-invites = { $cmd } MEMBER REASON: withdraw a member's right to invite (moderation)
usage-restore-invites = { $cmd } MEMBER: give a member back the right to invite (moderation)
usage-link = { $cmd }: get a code to link another account (Telegram, Matrix, Discord); { $cmd } CODE from that account
usage-vouch = { $cmd } NAME: vouch for a candidate you know
usage-apply = { $cmd }: ask to join without an invitation (members will need to vouch)
usage-candidates = { $cmd }: applications waiting (moderation)
usage-approve = { $cmd } N: welcome arrival #N (moderation)
usage-reject = { $cmd } N: turn away arrival #N and remove it from the group (moderation)
usage-held = { $cmd }: arrivals no invitation explains (moderation)
usage-adopt = { $cmd } [open [DAYS] | close | ACCOUNT [NAME]]: adopt the people who were in the groups before the bot (moderation; open and close: admins)
usage-unlink = { $cmd } PLATFORM: unlink your telegram, matrix or discord account

## Sponsorship

invite-created = Here is your invitation code for { $community }: { $code }
    It works once and expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. The invitee writes to me privately: { $join } { $code }
invite-page = To invite by text message or e-mail someone on none of our apps yet, send them this page: { $link }
native-link-created = { $platform } link for your invitation: { $link } (it works once; the code { $code } works on the other apps too).
native-invite-sent = I invited { $link } to the community's { $platform } rooms; on another app, the code { $code } works too.
native-link-created-request = { $platform } link for your invitation: { $link } (whoever uses it asks to join, and waits until enough sponsors vouch; the code { $code } works on the other apps too).
native-link-unavailable = { $platform } could not make a link for your invitation: the server has too many invitations under way. Tell a moderator; the code { $code } still works once the person is on the server or on another app.
invite-other-apps = Is your invitee on { $platforms }? Name the app when inviting to get its link: { $invite } for Léa on { $example }
sent-privately = I sent you the code privately.
invite-quota = You have { $remaining ->
        [0] no invitation
        [one] { $remaining } invitation
       *[other] { $remaining } invitations
    } left for this period; your quota renews on { $date }.
invite-revoked = Invitation { $code } is revoked: it can no longer be used.
invites-withdrawn = { $name } can no longer invite. The decision is in the log.
invites-withdrawn-notice = The moderators withdrew your right to invite. Reason: { $reason }. To discuss it, write to the moderation team.
invites-restored = { $name } can invite again.
invites-restored-notice = You can invite new people again.
sponsor-invitee-sanctioned = { $name }, whom you sponsored and who is still on trial, received a sanction: { $action }. Reason: { $reason }.
link-code-created = To link another account (Telegram, Matrix, Discord…) to your membership, write from that account: `/{ $word } { $code }` (on Matrix: `!{ $word } { $code }`)
    The code works once and expires in { $minutes } minutes.
linked = Done: this account is linked to { $name }'s membership.
linked-notice = A { $platform } account was just linked to your membership. If it was not you, tell the moderators at once.
unlinked = Your { $platform } account is no longer linked to your membership.
sponsor-invitee-candidate = { $name } used your invitation and is now a candidate: { $needed ->
        [one] { $needed } more vouch
       *[other] { $needed } more vouches
    } from other members are needed.
candidate-status = Hello { $name }! Your application to { $community } still needs { $needed ->
        [one] { $needed } vouch
       *[other] { $needed } vouches
    }. Ask members who know you to type: { $cmd }
candidate-admitted = Welcome to { $community }, { $name }! Your vouches are complete: you are a member. Set your city with /place, then /need or /offer.
vouch-received = { $name } vouched for you. { $needed ->
        [one] { $needed } more vouch is
       *[other] { $needed } more vouches are
    } needed.
vouched = Thank you, your vouch for { $name } is recorded. { $needed } more needed.
vouched-admitted = Thank you! With your vouch, { $name } becomes a member.
vouchee-admitted = { $name }, whom you vouched for, is now a member.
record-header = { $name } (#{ $id }) — { $status }, member since { $joined }
record-trial = On trial until { $date }.
record-invites-withdrawn = Right to invite withdrawn: { $reason }
record-invitation-note = Invitation note: "{ $note }"
record-no-sponsor = No sponsor (founder, imported or adopted).
record-chain = Sponsored by: { $chain }
record-tree = Brought in { $count ->
        [0] nobody
        [one] { $count } person
       *[other] { $count } people
    } (page { $page }/{ $pages }):
status-candidate = candidate
status-active = active
status-suspended = suspended
status-banned = banned
held-join-notice = Arrival to check #{ $id }: { $name } ({ $platform }) entered the group; { $candidates }. Decide: { $approve } or { $reject }
held-line = • #{ $id }: { $name } ({ $platform }) — { $candidates } — { $approve } / { $reject }
held-no-invitation = no invitation explains it
held-ambiguous = { $count ->
        [one] one possible invitation
       *[other] { $count } possible invitations
    } (from { $sponsors })
held-already-member = { $name } became a member meanwhile (code or linked account): nothing else to do.
held-title = Arrivals waiting for a decision:
held-empty = No arrival is waiting for a decision.
held-approved = { $name } is welcomed as a member. The decision is in the log.
held-rejected = { $name } is removed from the group. The decision is in the log.
audit-action-approve = arrival approved
audit-action-reject = arrival turned away
candidates-empty = No application is waiting.
candidates-title = Applications waiting:
candidates-line = • { $name } (#{ $id }): { $count }/{ $required } vouches
sponsor-invitee-joined = { $name } joined the community with your invitation. Thank you for helping them settle in!
welcome = Welcome to { $community }, { $name }! Your sponsor is { $sponsor }.
    Set your city or neighbourhood with /place, then ask with /need or offer with /offer. /help for the rest.

welcome-admitted = Welcome to { $community }, { $name }! { $moderator }, a moderator, approved your arrival.
    Set your city or neighbourhood with /place, then ask with /need or offer with /offer. /help for the rest.
held-newcomer = Hello { $name }! Your arrival in { $community } must be approved by the moderators, as no invitation surely explains it. Meanwhile you can read the group; I will tell you here as soon as they decide.
held-newcomer-typical = A decision usually takes { $wait }.
wait-minutes = a few minutes
wait-hours = { $count ->
    [one] about an hour
   *[other] about { $count } hours
}
wait-days = { $count ->
    [one] about a day
   *[other] about { $count } days
}

## Requests, offers and putting people in touch

need-posted = Request #{ $id } saved. { $count ->
        [one] I privately told { $count } member who can help.
       *[other] I privately told { $count } members who can help.
    }
need-posted-nobody = Request #{ $id } saved. No offer fits yet: I bothered nobody, and I will tell you when someone can help.
need-posted-all-busy = Request #{ $id } saved. { $count ->
        [one] One member could help, but they have had many requests this week: I did not ask them.
       *[other] { $count } members could help, but they have had many requests this week: I did not ask them.
    } I will tell you as soon as someone else can help.
helper-slow-hint = You got several requests for help these past weeks without answering them, and it is perfectly fine to be less available! I will ask you less often. To take a break, close your offer ({ $mine } to find it, then { $close } N); for a request that does not suit you, just answer { $decline } N.
need-helpers-busy = { $count ->
        [one] One more member could help, but they have had many requests this week: I did not ask them.
       *[other] { $count } more members could help, but they have had many requests this week: I did not ask them.
    }
offer-posted = Offer #{ $id } saved, thank you! { $count ->
        [one] One open request fits: I am writing to you privately.
       *[other] { $count } open requests fit: I am writing to you privately.
    }
offer-posted-nothing = Offer #{ $id } saved, thank you! I will tell you when a request fits.
hint-set-place = Tip: set your city or neighbourhood with { $cmd } so that I find help near you.
ask-helper = { $requester } is looking for help (request #{ $request }): "{ $text }"
    Your offer #{ $offer } fits ({ $reasons }).
    Can you help? Answer { $accept } or { $decline }; if it isn't what you offer, answer { $notmine } and you won't be asked about this kind of request again. Your contact is shared only if { $requester } agrees too.
helper-accepted = { $helper } can help with your request #{ $request } ("{ $text }").
    To exchange contacts, confirm: { $confirm } — otherwise: { $decline }
accept-sent = Thank you! I told { $name }. You will both get each other's contact once { $name } confirms.
answer-for = { $name }: { $text }
edit-not-read = I do not read edited messages (only the original command counts, if there was one). Send the corrected command in a new message.
answer-lost = Your command was received, but its answer was lost: the bot restarted in between. To see where you stand: /mine.
answer-lost-in-group = { $name }: your command was received, but its answer was lost (the bot restarted in between). To see where you stand: /mine. privately.
confirm-done = Confirmed: I am putting { $name } and you in touch. What comes next reaches you privately.
contact-revealed = Put in touch for request #{ $request }: you can contact { $name } — { $contact }
relay-opened = You are in touch about request #{ $request } with { $name }! To write to them, reply to this message (I pass it on), or { $reply } your message. Your contact stays private; to give it: { $share }. To end the conversation: { $end }.
relayed = 💬 { $name } (request #{ $request }):
    { $text }
    (to answer: { $reply } your message)
relay-sent = Passed on to { $name } (request #{ $request }).
relay-which = To write to someone you are in touch with, reply to one of their messages, or:
relay-which-line = { $reply } your message → { $name } (request #{ $request })
relay-ended = The conversation with { $name } about request #{ $request } has ended.
announced = Announcement #{ $id } sent to every group. To take it down everywhere: { $withdraw }
announcement-text = 📢 { $text }
alert-proposed = Thank you: your alert #{ $id } goes to the moderators, who will publish it.
alert-notice = Alert #{ $id } proposed by { $name }: “{ $text }”. { $publish } to publish it in every group.
alert-published = Your alert #{ $id } is published in every group.
announcement-withdrawn = Announcement #{ $id } taken down from every group.
refusal-unknown-announcement = I cannot find a pending or published announcement #{ $id }.
credits-ask = How much time were you given? { $cmd } { $request } HOURS (e.g. { $cmd } { $request } 1.5)
credits-paid-unit = I credited { $time } of time to whoever helped you (request #{ $request }).
credits-paid = Noted: { $time } for request #{ $request }. Your time balance: { $balance }.
credits-received = You receive { $time } of time credit from { $name } for request #{ $request }. Thank you!
credits-corrected = Exchange #{ $id } compensated by exchange #{ $correction } ({ $time } given back to { $name }).
credits-floor = Your time balance is { $balance }: think of offering your help too ({ $offer }).
balance-title = Your time balance: { $balance }
balance-empty = No time exchange yet.
balance-line = • #{ $id } ({ $date }): { $amount } with { $name } { $what }
balance-request = for request #{ $request }
balance-correction = correction of #{ $id }: { $reason }
refusal-credits-off = This community does not count time.
refusal-time-not-due = Request #{ $id } is not closed as met with someone put in touch.
refusal-already-paid = The time for request #{ $id } is already recorded; a moderator can correct it.
refusal-unknown-transfer = I cannot find time exchange #{ $id }.
refusal-already-corrected = Exchange #{ $id } is already corrected.
photo-too-large = This photo is too large for me to pass on (over { $megabytes } MB).
photo-outside-relay = I only pass photos on within an open conversation (once you are put in touch).
photo-which = To pass a photo on, send it as a reply to a message of the conversation.
report-quoted = (message reported: “{ $text }”)
contact-shared = I gave your contact to { $name }.
refusal-relay-not-open = Conversation #{ $id } is not open: both sides must have said yes, and it must not have ended.
button-share = Give my contact
button-end = End
follow-up = Your request #{ $request } with { $name }: how did it go?
    { $thanks } if it is done (and say thanks), { $done } if it is done, { $open } if it is still open.
helper-declined = Noted, thank you anyway!
requester-declined = For request #{ $request }, the member does not need your help after all. Thank you for offering!
requester-declined-ack = Noted: I did not share your contact with { $name }.
thanked = { $name } thanks you for your help (request #{ $request })!
closed-done = Well done! Request #{ $id } is marked as met.
closed-thanks = Well done! Request #{ $id } is met and I passed on your thanks.
closed-still-open = Request #{ $id } is open again. { $count ->
        [0] Nobody else fits for now.
        [one] I told { $count } more member.
       *[other] I told { $count } more members.
    }
request-expired = Your request #{ $id } has expired: nobody could help within { $days } days. If you still need it, post it again with { $need }.
request-reminder = Your request #{ $id } ("{ $text }") expires on { $date }. Still needed? { $renew } to keep it, { $close } otherwise.
offer-reminder = Your offer #{ $id } ("{ $text }") expires on { $date }. Still standing? { $renew } to keep it, { $close } otherwise.
offer-expired = Your offer #{ $id } expired after { $days } days without news. If it still stands, post it again with { $offer }.
request-renewed = Noted: your post #{ $id } stays open until { $date }.
inactive-reminder = It has been a long time! Are you still there? Write me anything (for instance /mine). Without news by { $date }, your offers will no longer be proposed, until you come back.
inactive-marked = Your offers are no longer proposed for now. You are still a member: write to me whenever you want to come back.
closed-closed = Post #{ $id } is closed.
mine-empty = You have no current posts.
mine-title = Your current posts:
mine-request = • Request #{ $id } ({ $state }): { $text }
mine-offer = • Offer #{ $id } ({ $state }): { $text }
mine-asked = • Proposal #{ $match }: can you help with request #{ $request }? { $accept }
state-open = open
state-proposed = help offered
state-in_contact = in touch
state-done = met
state-closed = closed
state-expired = expired
reason-words = shared words: { $words }
reason-place = same place: { $place }
reason-online = remote help
reason-related = { $asked } ~ { $offered }
reason-separator = { "; " }
contact-account = { $name } on { $platform }: { $id }

## Profile

place-set = Place saved: { $place }. (A city or neighbourhood is enough, never an address.)
place-cleared = Place cleared.
language-set = All right, I will speak English with you.

## Moderation

banned-notice = You have been banned from { $community }. Reason: { $reason }. { $appeal }
ban-done = { $name } (#{ $id }) is banned, on { $count ->
        [one] { $count } linked account
       *[other] { $count } linked accounts
    }. The action is in the log.
audit-empty = The log is empty.
audit-title = Moderation log (newest first, page { $page }):
audit-line = { $at } — { $actor } — { $action } — { $target } — { $reason }
audit-action-founder = founder
audit-action-ban = ban
audit-action-join = sponsored arrival
audit-action-close_post = post closed by moderation
audit-action-revoke = invitation revoked
audit-action-withdraw_invites = right to invite withdrawn
audit-action-restore_invites = right to invite restored
audit-action-link = account linked
audit-action-unlink = account unlinked
audit-action-vouch = vouch
audit-action-admit = admitted after vouches
audit-action-apply = application
audit-system = the system
member-ref = { $name } (#{ $id })

## Import

import-empty = this field is required
import-duplicate-name = the name "{ $value }" appears twice
import-bad-platform = unknown platform "{ $value }" (telegram, matrix, discord or console)
import-duplicate-account = the account "{ $value }" appears twice or already belongs to a member
import-bad-role = unknown role "{ $value }" (member, moderator or admin)
import-bad-date = invalid date "{ $value }" (YYYY-MM-DD)
import-place = "{ $value }" { $why }: a city or neighbourhood is enough
import-too-long = too long ({ $max } characters at most)
import-invisible = contains an invisible or direction-changing character ({ $char }): type this field again
import-contact = "{ $value }" { $why }: no contact details here
import-bad-user-id = "{ $value }" is not a { $platform } user id: use { $expected }
user-id-telegram = a numeric user id or an @username, never an e-mail
user-id-discord = a numeric id (developer mode, "Copy User ID"), never an e-mail
user-id-matrix = an id like @name:server.org, never an e-mail
user-id-console = a name without @
import-implausible-date = "{ $value }" is not a plausible joining date: neither in the future nor before 1900
import-unknown-sponsor = unknown sponsor "{ $value }" (neither in the file nor a member)
import-cycle = the sponsorship of "{ $value }" forms a loop
audit-action-import = members imported
import-done = { $count } members imported.
import-dry-run = { $count } members would be imported (dry run: nothing was written).
import-stage-linked = accounts already linked
import-stage-checking = checking the lines
import-stage-members = writing the members
import-stage-accounts = writing the accounts
import-failed = Nothing was imported: fix these lines and run it again.
import-row-error = { $file }, line { $line }, column { $column }: { $message }

## Command line

cli-database-ready = Database ready.
cli-backup-done = Copy written to { $file }.
cli-restore-done = Database restored from { $file }.
cli-postgres-tool = On PostgreSQL, use { $tool } (installed here): { $tool } --format=custom … with { $file } and the database URL (ENTRAIDE_DATABASE_URL).
cli-postgres-tool-missing = On PostgreSQL, use { $tool }, which is not installed here (package postgresql-client), with { $file } and the database URL.
cli-no-platform = No platform token is configured (ENTRAIDE_TELEGRAM_TOKEN, ENTRAIDE_DISCORD_TOKEN, ENTRAIDE_MATRIX_PASSWORD): running the console.

## Doctor (entraide doctor): what was found, then how to fix it

config-unreadable = cannot read the configuration file { $file }
config-builtin = (built-in default: config/entraide.example.toml)
config-error = invalid configuration in { $file }: { $problem }
config-error-at = invalid configuration in { $file }, line { $line }, column { $column }: { $problem }
config-error-at-key = invalid configuration in { $file }, line { $line }, column { $column } (key { $key }): { $problem }
config-invalid-key = invalid configuration in { $file }, key { $key }: { $problem }
config-invalid-key-at = invalid configuration in { $file }, line { $line }, key { $key }: { $problem }
config-wrong-type = expected { $expected }, not { $found }
config-wrong-value = value not allowed here: expected { $expected }
config-unknown-key = unknown key "{ $key }" (keys allowed here: { $known })
config-unknown-key-none = unknown key "{ $key }": this section takes none
config-unknown-value = unknown value "{ $value }" (allowed: { $known })
config-missing-key = the key { $key } is missing
config-duplicate-key = this key is given twice
config-syntax = this is not valid TOML (the TOML parser says: { $detail })
config-kind-count = a whole number, 0 or more
config-kind-integer = a whole number
config-kind-number = a number
config-kind-text = a text in quotes
config-kind-boolean = a boolean (true or false)
config-kind-list = a list [ … ]
config-kind-table = a table
config-not-empty = must not be empty
config-database-url = must start with sqlite: or postgres:// (so must ENTRAIDE_DATABASE_URL, when set)
config-at-least = must be at least { $min }
config-grace = must be at least 1 (members are always asked before they stop being matched)
config-more-than = must be more than { $other }
config-between = must be between { $min } and { $max }
config-rate = must be a number above 0 and at most 10000
config-not-a-guild = { $guild } is not one of discord.guilds
config-not-an-address = "{ $value }" is not an address like { $example }
config-founder-shape = "{ $value }" must look like "platform:user id"
config-founder-platform = unknown platform "{ $platform }" in "{ $value }" (telegram, matrix, discord or console)
config-founder-user = "{ $value }" has no user id after the platform
config-env-language = ENTRAIDE_COMMUNITY_LANGUAGE must be fr or en, not "{ $value }"
doctor-config = Configuration: { $error } — fix the file, then run entraide doctor again.
doctor-config-ok = Configuration read: { $file }.
doctor-database-unreachable = Database { $url } unreachable: { $error } — check database.url (or ENTRAIDE_DATABASE_URL), that the PostgreSQL server runs and accepts this account, or that the SQLite file's folder exists and is accessible.
doctor-database-new = Database { $url } not created yet — entraide migrate creates it (so does entraide run, when it starts).
doctor-database-behind = Database { $url } at schema { $applied }, this version knows { $known } — run entraide migrate (the systemd service does before each start).
doctor-database-newer = Database { $url } at schema { $applied }, newer than this version ({ $known }) — install the version of Entraide that made it, or a newer one.
doctor-database-damaged = Database { $url } is damaged: { $error } — stop the bot, keep a copy of the damaged file, then restore the last backup (entraide restore FILE): what was written since that backup is lost.
doctor-database-ok = Database { $url } reachable, schema up to date ({ $version }).
doctor-database-in-use = A bot is running on this database now.
doctor-lease = Connection { $lease } held by { $holder } (last heartbeat { $age } s ago).
doctor-lease-free = Connection { $lease } held by nobody: { $holder }'s lease ran out (last heartbeat { $age } s ago); no process serves this platform now, check that entraide run is running.
doctor-matrix-skipped = Matrix not checked: a bot is running on this database and the doctor would share its session — stop the bot (systemctl stop entraide), then run entraide doctor again.
doctor-secret = A secret cannot be read: { $error } — fix the _FILE variable's path, or the file's permissions (readable by the service's user).
doctor-no-platform = No platform configured: entraide run will open the console — set ENTRAIDE_TELEGRAM_TOKEN, ENTRAIDE_DISCORD_TOKEN or ENTRAIDE_MATRIX_PASSWORD (or their _FILE variant).
doctor-telegram-token = Telegram refuses the token — check ENTRAIDE_TELEGRAM_TOKEN (the token from @BotFather; /revoke makes a new one).
doctor-telegram-unreachable = Telegram unreachable — check the server's network access to api.telegram.org, or [telegram] api_url.
doctor-telegram-ok = Telegram accepts the token of the bot @{ $name }.
doctor-telegram-no-group = Telegram: no group in [telegram] groups — add each group's id (it looks like -1001234567890) for sanctions and invite links.
doctor-telegram-group-unknown = Telegram, group { $group }: not found ({ $error }) — check the id in [telegram] groups and add the bot to the group.
doctor-telegram-group-ok = Telegram, group { $group }: the bot has all its rights.
doctor-telegram-right-restrict = Telegram, group { $group }: the bot can neither ban nor restrict — in the group, Administrators › the bot › turn on "Ban users".
doctor-telegram-right-invite = Telegram, group { $group }: the bot cannot make invite links — Administrators › the bot › turn on "Invite users via link".
doctor-telegram-right-delete = Telegram, group { $group }: the bot cannot delete messages (to withdraw an announcement, to remove a report typed in the group) — Administrators › the bot › turn on "Delete messages".
doctor-telegram-right-pin = Telegram, group { $group }: the bot cannot pin announcements — Administrators › the bot › turn on "Pin messages".
doctor-telegram-right-post = Telegram, group { $group }: the bot cannot write — lift its restriction in the group.
doctor-telegram-not-admin = Telegram, group { $group }: the bot is not an administrator — make it one with "Ban users", "Invite users via link", "Delete messages" and "Pin messages".
doctor-telegram-not-in-group = Telegram, group { $group }: the bot is not in the group — add it, then make it an administrator.
doctor-matrix-config = Matrix: ENTRAIDE_MATRIX_PASSWORD is set but [matrix] homeserver or user is empty — fill them in.
doctor-matrix-unreachable = Matrix: the homeserver does not answer (60 s) — check [matrix] homeserver and the network.
doctor-matrix-login = Matrix: cannot log in ({ $error }) — check [matrix] homeserver, [matrix] user and ENTRAIDE_MATRIX_PASSWORD.
doctor-matrix-room = Matrix, room { $room }: cannot join ({ $error }) — invite the bot to the room, or fix [matrix] rooms.
doctor-matrix-store = Matrix: the folder { $path } cannot be used ({ $error }) — give it to the service's user (a bot already running holds it too).
doctor-matrix-other-account = Matrix: the saved session is { $saved }'s, not { $configured }'s — delete { $path } to log in again.
doctor-matrix-ok = Matrix: logged in as { $name }.
doctor-matrix-no-room = Matrix: no room in [matrix] rooms — add the community's rooms (or its space).
doctor-matrix-power-ban = Matrix, room { $room }: the bot cannot ban — give it power level 100 (room settings › Roles & Permissions).
doctor-matrix-power-kick = Matrix, room { $room }: the bot cannot kick — give it power level 100 (room settings › Roles & Permissions).
doctor-matrix-power-invite = Matrix, room { $room }: the bot cannot invite — give it power level 100 (room settings › Roles & Permissions).
doctor-matrix-power-redact = Matrix, room { $room }: the bot cannot remove others' messages (to hide a request, withdraw an announcement, remove a report typed in the room) — give it power level 100.
doctor-matrix-power-levels = Matrix, room { $room }: the bot cannot change power levels (to mute someone) — give it power level 100.
doctor-matrix-power-unreadable = Matrix, room { $room }: the room's power levels cannot be read — check that the bot is a member of the room.
doctor-matrix-room-ok = Matrix, room { $room }: the bot has all its powers.
doctor-discord-token = Discord refuses the token — check ENTRAIDE_DISCORD_TOKEN (developer portal › your application › Bot › Reset Token).
doctor-discord-unreachable = Discord unreachable — check the server's network access to discord.com, or [discord] api_url.
doctor-discord-intents = Discord: the developer portal does not allow { $intents } (Bot → Privileged Gateway Intents); without them Discord refuses the bot's connection (code 4014).
doctor-discord-intents-unknown = Discord: could not read which privileged intents are allowed; the bot needs Server Members and Message Content (Bot → Privileged Gateway Intents).
doctor-discord-ok = Discord accepts the token of the bot { $name }.
doctor-discord-no-guild = Discord: no server in [discord] guilds — add the id of each of the community's servers.
doctor-discord-not-in-guild = Discord, server { $guild }: the bot is not in it — invite it with the OAuth2 link (scopes bot and applications.commands).
doctor-discord-perm-post = Discord, server { $guild }: the bot cannot send messages — give its role "Send Messages".
doctor-discord-perm-invite = Discord, server { $guild }: the bot cannot make invites — give its role "Create Invite".
doctor-discord-perm-ban = Discord, server { $guild }: the bot cannot ban — give its role "Ban Members".
doctor-discord-perm-timeout = Discord, server { $guild }: the bot cannot time members out — give its role "Timeout Members".
doctor-discord-perm-roles = Discord, server { $guild }: the bot cannot give the member role — give its role "Manage Roles".
doctor-discord-perm-guild = Discord, server { $guild }: the bot cannot read invites, so joins will be held — give its role "Manage Server".
doctor-discord-perm-messages = Discord, server { $guild }: the bot cannot pin or withdraw announcements, nor remove a report typed in a channel — give its role "Manage Messages".
doctor-discord-perm-audit = Discord, server { $guild }: the bot cannot read the audit log, so it does not know who bans, kicks or times out someone with Discord's own tools — give its role "View Audit Log".
doctor-discord-role-unknown = Discord, server { $guild }: the role { $role } in [discord] member_roles does not exist — fix its id.
doctor-discord-role-above = Discord, server { $guild }: the role "{ $role }" is above the bot's, so the bot cannot give it — in Server Settings › Roles, move the bot's role higher.
doctor-discord-guild-ok = Discord, server { $guild }: the bot has all its permissions.
doctor-discord-channel-invite = Discord, server { $guild }, channel { $channel } ([discord] invite_channel): the bot cannot make invites there — in the channel's permissions, allow "Create Invite" for its role.
doctor-discord-channel-post = Discord, server { $guild }, channel { $channel } ([discord] announce_channels): the bot cannot see or post there — in the channel's permissions, allow "View Channel" and "Send Messages" for its role.
doctor-discord-channel-pin = Discord, server { $guild }, channel { $channel } ([discord] announce_channels): the bot cannot pin announcements there — in the channel's permissions, allow "Manage Messages" for its role.
doctor-discord-channel-unknown = Discord, server { $guild }: the channel { $channel } is not in this server, or the bot cannot see it — fix its id in [discord].
doctor-summary-ok = All set.
doctor-summary-warnings = The bot can run; { $count ->
        [one] one thing to look at
       *[other] { $count } things to look at
    } (!).
doctor-summary-blocking = { $count ->
        [one] One problem stops
       *[other] { $count } problems stop
    } the bot from working (✗): fix them, then run entraide doctor again.

## Console

console-banner = Entraide console — community { $community }. You act as { $name }. /as NAME to switch member, /group or /private to switch room, /quit to leave.
console-acting-as = You now act as { $name }.
console-in-group = Your messages now go to the group room.
console-in-private = Your messages now go to a private chat with the bot.
console-ban-applied = [{ $platform }] account { $user } removed from the community.
console-usage-as = Usage: /as NAME (letters, digits, - and _)
console-goodbye = See you soon!

usage-record = { $cmd } MEMBER [PAGE]: a member's record — status, role, platforms, posts, reports, sanctions, sponsor tree (moderation)
usage-audit = { $cmd } [@MEMBER] [by:@MOD] [action:ban] [since:2026-11-01|7d] [before:DATE] [PAGE]: the moderation log, filtered (moderation)
usage-warn = { $cmd } MEMBER REASON: warn a member; repeated warnings suspend (moderation)
usage-suspend = { $cmd } MEMBER DURATION REASON: suspend a member on every platform, e.g. { $cmd } @bob 7d hurtful remarks (moderation)
usage-unban = { $cmd } MEMBER REASON: lift a suspension or a ban (moderation)
usage-report = { $cmd } N REASON or { $cmd } @MEMBER REASON: report a post or a member to the moderators (they will not know who reported them)
usage-reports = { $cmd }: reports waiting (moderation)
usage-take = { $cmd } N: take report #N (moderation)
usage-resolve = { $cmd } N warn|suspend DURATION|ban|hide|none REASON: act on report #N (moderation)
usage-dismiss = { $cmd } N REASON: dismiss report #N (moderation)
usage-hide = { $cmd } N REASON: hide post #N (moderation)
usage-stats = { $cmd } [DAYS]: the community's statistics over the period (moderation)
usage-role = { $cmd } MEMBER member|relay|moderator|admin: change a member's role (administration)
usage-config = { $cmd } [SETTING VALUE|default]: see or change the community's settings (administration)
usage-my-data = { $cmd }: receive privately everything stored about you (a JSON file)
usage-delete-me = { $cmd }: erase your personal data and leave the community
usage-for = { $cmd } NAME need|offer TEXT: post for someone who is on no app (relay)
refusal-not-admin = This command is for the community's admins.
refusal-not-sanctioned = { $name } is neither suspended nor banned.
refusal-unknown-report = There is no report #{ $id } waiting.
refusal-report-settled = Report #{ $id } was already handled.
refusal-self-report = You cannot report yourself or your own posts.
refusal-self-role = You cannot change your own role: ask another admin.
refusal-unknown-setting = I do not know the setting "{ $key }". Settings: { $keys }
refusal-bad-setting = Value refused for "{ $key }": type /config to see the current values (whole numbers within reasonable limits; language fr or en).
refusal-bad-account-id-telegram = On Telegram, give the account's number (for example 123456789): an @username is not enough, the bot cannot find the account from it. Simpler: open an adoption with /adopt open and ask the person to write in the group.
refusal-bad-account-id-discord = On Discord, mention the person (@name, picked from the list) or give their numeric id (right-click their name, "Copy User ID").
refusal-bad-account-id-matrix = On Matrix, give the account's full id, for example @marie:example.org.
refusal-bad-account-id-console = In the console, give the account's name, without @.
refusal-not-relay = Only a relay (or a moderator) can post for someone else.
refusal-not-a-post-report = Report #{ $id } is about a member, not a post: there is nothing to hide.
appeal-how = To appeal, write to the moderators ({ $moderators }).
warned-notice = Warning from the moderators of { $community }: { $reason }. { $appeal }
suspended-notice = You are suspended from { $community } until { $date }. Reason: { $reason }. Meanwhile you can neither post nor answer, on any platform. { $appeal }
lifted-notice = The sanction against you in { $community } is lifted ({ $reason }). You are a full member again.
suspension-ended = Your suspension in { $community } is over: you are a full member again.
warnings-escalated = { $count } warnings
warn-done = { $name } received a warning, privately.
warn-escalated = { $name } received a warning; it was the last one allowed: suspended until { $date }.
suspend-done = { $name } is suspended until { $date }, on every account.
lift-done = { $name }'s sanction is lifted, on every account.
report-sent = Thank you: your report #{ $id } went to the moderators. The person reported will not know who reported them.
report-not-removed = Your report is still visible in the group: I could not delete it. Next time, report privately, here: nobody else will see it.
report-notice = New report #{ $id }: { $target } — { $subject } — "{ $reason }" (by { $reporter }). { $take } to take it, { $resolve } ACTION REASON or { $dismiss } REASON.
report-line = #{ $id } [{ $state }, { $handler }] { $target } — { $subject } — "{ $reason }" (by { $reporter })
report-reporter-hidden = anonymous
report-subject-post = post #{ $post } "{ $text }"
report-subject-member = the member
report-state-open = to handle
report-state-taken = taken
report-state-upheld = upheld
report-state-dismissed = dismissed
reports-empty = No report waiting.
reports-title = Reports waiting:
report-taken = You take report #{ $id }.
report-upheld = Report #{ $id } handled.
report-dismissed = Report #{ $id } dismissed.
report-upheld-notice = Your report #{ $id } was reviewed and acted on. Thank you for looking after the community.
by-hand-reason = done by hand on { $platform }
by-hand-outsider = { $action ->
        [ban] { $name } was banned by hand on { $platform }
        [suspend] { $name } was restricted by hand on { $platform }
        [unsuspend] { $name }'s restriction was lifted by hand on { $platform }
       *[unban] { $name }'s ban was lifted by hand on { $platform }
    } by someone who is not a moderator here. For it to hold everywhere: { $command } REASON
by-hand-days = { $count }d
by-hand-kicked = { $name } is removed from the groups on every app (not banned: an invitation brings them back). It is in the audit log.
by-hand-outsider-kick = { $name } was removed from a group by hand on { $platform } by someone who is not a moderator here: nothing was done elsewhere.
audit-action-kick = removed from the groups
hide-source-kept = The original message of hidden post #{ $id } is still shown on { $platform }: the bot may not delete others' messages there. Remove it by hand.
sanction-refused = ⚠️ { $action ->
        [ban] The ban
        [unban] Lifting the ban
        [restrict] The suspension
        [unrestrict] Lifting the suspension
       *[remove] The removal from the group
    } of { $name } could not be applied everywhere on { $platform }: { $error }. Once it is fixed (the bot's rights in that group, most often), try again with { $resend }.
report-noted-notice = Your report #{ $id } was reviewed: moderators found it justified, with no further measure for now. Thank you for looking after the community.
report-dismissed-notice = Your report #{ $id } was reviewed; the moderators took no action. Thank you for making it all the same.
hide-done = Post #{ $id } is hidden.
post-hidden-notice = Your post #{ $id } was hidden by the moderators. Reason: { $reason }.
role-member = member
role-relay = relay
role-moderator = moderator
role-admin = admin
role-changed-notice = Your role in the community is now: { $role }. Type /help to see your commands.
role-set = { $name } is now { $role }.
record-details = Role: { $role } · Platforms: { $platforms } · Requests: { $requests } ({ $open-requests } current) · Offers: { $offers } ({ $open-offers } current) · Reports made: { $made }, received: { $received } ({ $upheld } upheld)
record-suspended-until = Suspended until { $date }.
record-sanctions = Warnings: { $warnings } · Sanctions and lifts: { $count }
config-title = Community settings:
config-line = • { $key } = { $value }
config-hint = To change one: /config SETTING VALUE (or /config SETTING default to go back to the configuration file).
config-set = Setting { $key } = { $value } (written to the log).
my-data-caption = Everything { $community } stores about you.
my-data-sent = I am sending you your data privately, as a JSON file.
delete-confirm-word = confirm
delete-confirm = This erases your name, place, linked accounts and the text of your posts; you will leave the community (coming back takes a new invitation). To confirm, type: { $cmd }
pseudonym = member-{ $id }
deleted = Done: your personal data is erased from { $community }. Goodbye, and thank you for helping.
console-restrict-applied = [{ $platform }] account { $user } restricted (suspension).
console-restriction-lifted = [{ $platform }] restriction lifted for account { $user }.
console-unban-applied = [{ $platform }] account { $user } let back in.
status-erased = erased
state-hidden = hidden
audit-action-warn = warning
audit-action-suspend = suspension
audit-action-lift = sanction lifted
audit-action-uphold = report upheld
audit-action-dismiss = report dismissed
audit-action-hide_post = post hidden
audit-action-set_role = role changed
audit-action-configure = setting changed
audit-action-erase = data erased at their request
audit-action-on_behalf = post for someone offline
on-behalf-name = { $name } (through { $relay }, relay)
stats-title = Statistics of the last { $days } days — requests: { $all }
stats-tally = { $total } ({ $met } met, { $unmet } unmet, { $open } open)
stats-median = Median time to a first offer of help: { $hours } h.
stats-median-none = No offer of help in the period.
stats-members = Active members: { $active } · Invitations: { $sent } sent, { $accepted } accepted.
stats-by-category = By category:
stats-by-area = By area:
stats-area-online = online
stats-area-unknown = no place given
stats-area-others = { $count ->
        [one] one other place
       *[other] { $count } other places
    }
stats-weeks = By week (met/unmet), oldest first:
category-lend = lending
category-give = giving
category-skill = skills
category-time = time
category-ride = rides
category-room = lodging
category-mentoring = mentoring
category-other = other
chart-met = met
chart-unmet = unmet
chart-week = W
chart-caption = Requests met and unmet per week, over { $days } days.
chart-sent = The weekly chart is on its way to you privately.
console-image-written = { $caption } Image written to { $path }
usage-undelivered = { $cmd }: messages I cannot deliver, and why (moderation)
usage-resend = { $cmd } N: try delivery #N again (moderation)
undelivered-empty = Every message was delivered.
undelivered-title = Stuck deliveries (newest first):
undelivered-line = #{ $id } — { $what } for { $to } ({ $platform }), { $attempts } attempts: { $error } — { $resend }
undelivered-message = message
undelivered-action = platform action
unreachable-title = Unreachable (their messages wait until they write to the bot):
unreachable-line = { $name } on { $platform }, since { $date }
resend-done = Delivery #{ $id } is back in the queue.
refusal-unknown-undelivered = There is no stuck delivery #{ $id }.
audit-action-resend = delivery retried
audit-action-adopt = adoption (there before the bot)
audit-action-adoption_window = adoption window opened or closed
adopt-word-open = open
adopt-word-close = close
adopt-status-closed = No adoption under way. To welcome as members the people who were already in the groups before the bot: { $open } (admins).
adopt-status-open = Adoption open until { $until } (UTC): anyone the bot does not know who writes in a community group becomes a member. { $close } to close it.
adopt-opened = Adoption open until { $until } (UTC). Until then, anyone the bot does not know who writes in a community group becomes a member, with no known sponsor; each adoption is in the audit log. On Discord and Matrix, I also adopt everyone in the groups right now. Arrivals waiting for a decision are never adopted. { $close } to close it earlier.
adopt-closed = Adoption closed: unknown people who write in the groups no longer become members.
adopt-done = { $name } is now a member (adopted, no known sponsor). It is in the audit log.
adopt-already = This account is already { $name }'s, a member.
adopt-held = This account's arrival is waiting for a decision (no. { $id }): decide with /approve { $id } or /reject { $id }.
adopt-how-listed = { $platform }: in the groups before the bot
adopt-how-wrote = { $platform }: wrote in a group during the adoption
adopt-how-named = { $platform }: adopted by the moderators
adopted-welcome = Hello { $name }! You were already in { $community }'s groups before I came: you are a member, there is nothing else to do. If you want to receive requests for help near you, give your city or neighbourhood (never your address) with { $place }. { $help } shows everything I can do.
audit-action-correct_credit = time credit correction
start-bot-hint = I have messages for you, but I can only write to you privately once you have written to me: open { $link } and press "Start".
dms-closed-hint = I have messages for you, but your direct messages are closed: allow direct messages from this server's members (the server's privacy settings), then use any command and they will arrive.
discord-option-number = the number
discord-option-text = what you want to say
discord-option-category = the kind of help
discord-post-choice = #{ $id } — { $text }
discord-announced = It is posted in the channel.
discord-form-label = Your message
button-can-help = I can help
button-confirm = Yes, thank you
button-no-thanks = No, thanks
button-thanks = Thanks, it's done
button-done = It's done
button-still-open = Still open
request-announcement-closed = Request #{ $id }: { $state }.
offer-announcement-closed = Offer #{ $id }: { $state }.
record-sanction-line = – { $date } { $action }: { $reason }
stats-line = • { $name }: { $tally }

# Decline reasons, restoring an offer, live precision of matching (issue 21)
usage-restore = { $cmd } N: your offer #N is proposed again for the requests you turned away with "not mine"
helper-declined-not-mine = Noted, thanks for saying so: your offer #{ $offer } won't be proposed for this kind of request again ({ $words }). To undo: { $restore }
rematch-done = Done: your offer #{ $offer } is proposed again for every request it fits.
rematch-nothing = Your offer no. { $offer } is already proposed for every request it fits: there is nothing to restore.
button-not-now = Not now
button-not-mine = Not what I offer
stats-answers = Helpers asked: { $asked } asks sent — { $accepted } accepted, { $notnow } "not now", { $notmine } "not what I offer", { $unanswered } unanswered, { $waiting } waiting.
stats-precision = Matching precision: { $percent }% of answers say the request fitted the offer.
stats-precision-none = Matching precision: no answer yet to measure it.
stats-answers-by-topic = By topic (sent: accepted / not now / not what I offer / unanswered):
stats-answers-line = • { $name } ({ $asked }): { $accepted } / { $notnow } / { $notmine } / { $unanswered }
stats-answers-weeks = Matching precision by week, oldest first:
topic-baby_gear = baby gear
topic-care = personal care
topic-childcare = childcare
topic-children = children
topic-clothes = clothes
topic-computers = computers
topic-diy = DIY
topic-elderly = older people
topic-employment = work
topic-errands = errands
topic-events = parties and events
topic-food = food
topic-furniture = furniture
topic-gardening = garden
topic-health = health
topic-household = household
topic-housing = housing
topic-languages = languages
topic-legal = law
topic-leisure = leisure
topic-lost_found = lost and found
topic-moving = moving
topic-paperwork = paperwork
topic-pets = pets
topic-repairs = repairs
topic-sewing = sewing
topic-storage = storage
topic-time = time
topic-tools = tools
topic-transport = transport
topic-tutoring = tutoring
topic-other = other

## The moderators' dashboard (/dashboard)
usage-dashboard = { $cmd } [end]: get a private link to the moderators' dashboard; { $cmd } end closes your open sessions (moderation)
dashboard-link = Here is your link to the dashboard: { $link }
    It works once and expires in { $minutes } minutes. Do not pass it on: it opens the dashboard in your name.
dashboard-ended = { $count ->
        [0] You had no open session on the dashboard.
        [one] Your session on the dashboard is closed.
       *[other] Your { $count } sessions on the dashboard are closed.
    }
refusal-dashboard-off = The dashboard is not enabled for this community: the people who host the bot can turn it on (the [web] section of the configuration).
refusal-dashboard-link-unknown = This link to the dashboard is not valid. Ask for a new one by sending { "/dashboard" } to the bot, in private.
refusal-dashboard-link-used = This link was already used: a link opens the dashboard only once. Ask for a new one with { "/dashboard" }.
refusal-dashboard-link-expired = This link has expired. Ask for a new one with { "/dashboard" }.
refusal-dashboard-session-over = Your session has ended (signed out, idle, or at the end of the day). Ask for a new link by sending { "/dashboard" } to the bot, in private.
config-not-a-web-address = "{ $value }" will not do: give an https:// address without a path, like https://entraide.example.org (http:// only for 127.0.0.1 or localhost)
web-dashboard = Moderators' dashboard
web-title = { $community }: dashboard
web-refused-title = Access refused
web-unavailable = The database is not answering right now. Try again in a moment.
web-entry-title = Open the dashboard
web-entry-why = This link works once: it opens a session in this browser, in your name.
web-entry-button = Open the dashboard
web-signed-out = You are signed out
web-signed-out-how = To come back, ask for a new link by sending /dashboard to the bot, in private.
web-signed-in-as = Signed in: { $name }
web-sign-out = Sign out
web-overview = Overview
web-waiting = Waiting for moderators
web-reports = Reports to handle
web-held-joins = Arrivals to check
web-parked = Undelivered messages
web-posts = Requests and offers
web-open-requests = Open requests
web-open-offers = Open offers
web-members = Members
web-other-origin = This form did not come from the dashboard: nothing was done.
web-not-found = This page does not exist.
dashboard-sessions = { $count ->
        [one] One session is already open ({ "/dashboard end" } closes it):
       *[other] { $count } sessions are already open ({ "/dashboard end" } closes them all):
    }
dashboard-session-line = • opened { $opened }, last active { $seen }
web-nav = Sections
web-audit = Moderation log
web-audit-by = By
web-audit-member = Member concerned
web-audit-action = Action
web-audit-any-action = All actions
web-audit-since = From
web-audit-until = Until (included)
web-audit-words = Words of the reason
web-audit-search = Search
web-audit-export-csv = Export as CSV
web-audit-export-json = Export as JSON
web-audit-empty = No line of the log matches this search.
web-audit-when = Date
web-audit-reason = Reason
web-audit-app = App
web-page = Page { $page }
web-pages = Pages of the log
web-newer = ← Newer
web-older = Older →
web-bad-date = A date is not valid: write it like 2026-11-24.
web-bad-action = This action does not exist in the log.
web-members-find = Members
web-member-name = Name, @handle or #number
web-open = Open the record
web-member-status = Status
web-member-role = Role
web-member-joined = Member since
web-member-apps = Apps
web-member-trial = On trial until
web-member-suspended = Suspended until
web-member-invites-withdrawn = May no longer invite
web-member-invitation-note = Note on their invitation
web-member-chain = Sponsors
web-member-no-sponsor = No sponsor: a founder, adopted or imported.
web-member-tree = { $count ->
        [0] Brought nobody in
        [one] Brought one person in
       *[other] Brought { $count } people in
    }
web-member-tree-search = Find someone in this tree (exact name)
web-member-tree-none = Nobody is called "{ $name }" in this tree.
web-member-tree-pages = Pages of the tree
web-member-below = { $count ->
        [one] one person below
       *[other] { $count } people below
    }
web-previous = ← Previous
web-next = Next →
web-page-of = Page { $page } of { $pages }
web-member-invitations = { $count ->
        [0] No invitation made
        [one] One invitation made
       *[other] { $count } invitations made
    }
web-member-made-on = Made on
web-member-outcome = Outcome
web-member-note = Note
web-invitation-used = used by
web-invitation-revoked = revoked
web-invitation-expired = expired unused
web-invitation-waiting = waiting
web-member-posts = { $count ->
        [0] No post
        [one] One post
       *[other] { $count } posts
    }
web-member-kind = Kind
web-member-state = State
web-member-text = Text
web-kind-request = request
web-kind-offer = offer
web-member-reports = Reports
web-member-reports-received = { $count ->
        [0] No report received
        [one] One report received
       *[other] { $count } reports received
    }
web-member-reports-made = { $count ->
        [0] No report made
        [one] One report made
       *[other] { $count } reports made
    }
web-member-reporter = Reported by
web-member-reported = About
web-member-sanctions = { $count ->
        [0] No sanction
        [one] One sanction
       *[other] { $count } sanctions
    }
web-reports-empty = No report is waiting for moderators.
web-report-title = Report #{ $id }: { $target }
web-report-handler = taken by { $name }
web-report-by = reported by { $name } on { $date }
web-report-open-member = Open the reported member's record
web-report-post = Post #{ $id } reported:
web-report-take = Take it
web-report-uphold-how = What to do
web-report-days = Days of suspension
web-report-uphold = Uphold
web-report-dismiss = Dismiss
web-resolution-warn = Warn
web-resolution-suspend = Suspend
web-resolution-ban = Ban
web-resolution-hide = Hide the post
web-resolution-nothing = Nothing more (already handled)
web-reason-required = A reason is required: it is written to the log.
web-reason-too-long = The reason is too long (1,000 characters at most).
web-days-required = Give a suspension of 1 to 365 days.
web-action-required = Choose what to do from the list.
web-number = #
web-arrivals = Arrivals
web-held-why = These people entered a group and no invitation explains it for sure. Let them in if a sponsor knows them; otherwise remove them from the group.
web-held-who = Who
web-held-when = Since
web-held-sponsors = Possible sponsors
web-held-decide = Decision
web-held-approve = Let in
web-held-approve-who = Let { $name } in as a member
web-held-reject = Remove
web-held-reject-who = Remove { $name } from the group
web-candidates = Candidates
web-candidates-vouches = Vouches ({ $required } needed)
web-candidates-vouch = Vouch
web-candidates-vouch-who = Vouch for { $name }
web-candidates-vouched = You vouched for them.
web-candidates-how = Only vouch for someone you know: your vouch counts as a member's, and the person joins as soon as the vouches are complete.
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
invitation-page-title = Invitation to join { $community }
invitation-page-sponsor = { $sponsor } invites you to join { $community }, a mutual-aid network among neighbours that people join when a member sponsors them. This invitation works once, until { $date }.
invitation-page-vouches = Once in, you will wait for more vouches before you can do everything: that is this community's rule.
invitation-page-code = Your invitation code:
invitation-page-how = How to join
invitation-page-type = Write to the bot privately:
invitation-page-telegram-bot = Open the chat with @{ $bot } on Telegram
invitation-page-telegram-start = Then press "Start": the code is already in the link.
invitation-page-telegram-group = Join the Telegram group with this invite link
invitation-page-discord-server = Join the Discord server with this invite link
invitation-page-discord-bot = On the server, write to the bot privately:
invitation-page-matrix-room = Open the room { $room } with matrix.to
invitation-page-matrix-bot = Write a direct message to the bot
invitation-page-send = and send it:
invitation-page-apps = None of these apps yet? They are free, on phones and computers alike: pick the one you prefer, one is enough.
invitation-page-privacy = This page sets no cookie and serves only this invitation.
invitation-page-gone-title = Invitation not found
invitation-page-gone = This invitation does not exist or can no longer be used (already used, cancelled or expired). Ask the person who invited you for a new link.
invitation-page-slow-down = Too many requests at once. Wait a minute, then try again.
web-stats-title = { $days ->
        [one] Requests in the last day
       *[other] Requests in the last { $days } days
    }
web-stats-period = Period
web-stats-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
web-stats-show = Show
web-stats-none = No requests in this period.
web-stats-all = { $total ->
        [one] { $total } request
       *[other] { $total } requests
    }: { $met } met, { $unmet } unmet, { $open } open.
web-stats-met = met
web-stats-unmet = unmet
web-stats-open = open
web-stats-weeks = By week
web-stats-week = Week
web-stats-week-ago = { $weeks ->
        [0] this week
        [one] { $weeks } week ago
       *[other] { $weeks } weeks ago
    }
web-stats-oldest = oldest
web-stats-this-week = this week
web-stats-topics = By topic
web-stats-topic = Topic
web-stats-areas = By place
web-stats-area = Place
web-stats-figures = Show the figures
web-stats-answers = How the helpers who were asked answered
web-stats-answers-none = Nobody was asked in this period yet.
web-stats-asked = Asks
web-stats-accepted = Accepted
web-stats-not-now = "Not now"
web-stats-not-mine = "Not what I offer"
web-stats-unanswered = Unanswered
web-stats-waiting = Waiting
web-stats-precision = Asks that fit (by the helpers' answers)
web-settings = Settings
web-settings-how = Each change applies at once to every process of the bot and is written to the log, as /config in the chat. Values out of bounds are refused.
web-settings-between = Between { $min } and { $max }.
web-settings-value = Value
web-settings-save = Save
web-settings-file = Back to the file ({ $value })
setting-language = The bot's language for people who did not choose one: fr or en.
setting-sponsors_required = Vouches needed to become a member; the invitation counts as one.
setting-invite_quota = Invitations a member may make per period (see quota_days).
setting-quota_days = How long, in days, the period over which the invitation quota is counted lasts.
setting-trial_days = A new member's trial, in days: they cannot invite yet, and their sponsor hears of any sanction.
setting-invitation_days = How long an invitation code works, in days.
setting-request_days = Days a request waits for help before it expires (its author is told).
setting-offer_days = Days an offer stays proposed before it expires.
setting-warnings_to_suspend = Warnings after which a member is suspended automatically (0: never).
setting-warning_suspension_days = How long that suspension lasts, in days.
setting-request_channels = Group chats where any message is a request, by the app's chat id, separated by commas (empty: none).
setting-request_hashtags = Hashtags that make a message a request, besides #besoin and #need, separated by commas (for instance entraide,urgent).
setting-time_credits = Time bank: on to count the hours of help given and received, off otherwise.
setting-time_floor_hours = The lowest time-bank balance, in hours (0 or negative): below it, the member is reminded to offer help.
setting-time_unit_minutes = Minutes paid to each helper for a service (0: the requester says how much, with /time).
setting-mentor_min_days = Days of membership needed to receive a minor's mentoring requests (#mineur).
setting-asks_per_week = Requests proposed to one member per week at most: the others go to the next helpers.
web-table = Table (scrolls sideways on a small screen)
web-deliveries = Deliveries
web-deliveries-none = No message is waiting: everything was delivered or is on its way.
web-deliveries-parked = Messages the bot could not deliver
web-deliveries-what = What
web-deliveries-to = To
web-deliveries-attempts = Attempts
web-deliveries-error = Last error
web-deliveries-retry = Retry
web-deliveries-retry-one = Retry delivery #{ $id }
