-- Typed verification, from both sides: the registry of kinds (a probe product registers a credential
-- kind here), requests with the applicant's own documents, decisions by staff holding the kind's
-- permission, the verifications they record, profiles.verified derived from the identity verification
-- (and written by nobody), expiry, revocation, notifications, and the reading functions with the
-- email and phone confirmations Auth holds.
begin;
select plan(96);

select tests.create_user('ann@example.com') as ann \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('mod@example.com') as moderator \gset
select tests.create_user('support@example.com') as support \gset
select tests.create_user('checker@example.com') as checker \gset
select tests.create_user('sus@example.com') as suspended \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator'), (:'support', 'support');

-- A product registers a staff permission, a role with it, and a credential kind decided with it.
insert into public.staff_permissions (permission, product, description) values
  ('probe.verify', 'probe', 'Checks probe credentials'),
  ('other.verify', 'otherp', 'Another product''s permission');
insert into public.staff_roles (role, product, description, permissions) values ('probe_checker', 'probe', 'Checks probe credentials', array['probe.verify']);
insert into public.user_staff_roles (user_id, role) values (:'checker', 'probe_checker');
select lives_ok($$insert into public.verification_kinds (kind, product, decide_permission, validity, description)
                  values ('probe_credential', 'probe', 'probe.verify', interval '30 days', 'A probe credential')$$,
  'a product registers a credential kind decided with its own permission');
select throws_ok($$insert into public.verification_kinds (kind, product, decide_permission, description)
                   values ('probe_other', 'probe', 'other.verify', 'x')$$, '42501', null,
  '... not with another product''s permission');
select throws_ok($$insert into public.verification_kinds (kind, product, decide_permission, description)
                   values ('probe_nothing', 'probe', 'probe.nothing', 'x')$$, 'PA001', null,
  '... nor with an unregistered one');
select throws_ok($$insert into public.verification_kinds (kind, product, source, description) values ('email_again', 'probe', 'auth', 'x')$$, '23514', null,
  'only the core''s email and phone are read from Auth');
select throws_ok($$insert into public.verification_kinds (kind, product, description) values ('probe_nobody', 'probe', 'x')$$, '23514', null,
  'a kind with documents names who decides it');

-- The applicant's documents, uploaded into their folder of the bucket.
update public.profiles set status = 'suspended' where id = :'suspended';
insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', :'suspended' || '/id.png', :'suspended');
select tests.authenticate_as(:'ann');
insert into storage.objects (bucket_id, name, owner_id) values
  ('verification-documents', :'ann' || '/passport.pdf', :'ann'),
  ('verification-documents', :'ann' || '/passport-2025.pdf', :'ann'),
  ('verification-documents', :'ann' || '/probe-card.png', :'ann');
select tests.authenticate_as(:'bob');
insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', :'bob' || '/id.png', :'bob');
select throws_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', '%s/forged.png', %L)$$, :'ann', :'bob'),
  '42501', null, 'nobody uploads into another user''s verification folder');

-- The kinds, from both sides
select tests.authenticate_as(:'ann');
select is((select array_agg(kind order by kind) from public.verification_kinds where product = 'core'), array['email', 'identity', 'phone'],
  'users read the kinds: the core''s are identity, email and phone');
select throws_ok($$insert into public.verification_kinds (kind, product, decide_permission, description) values ('mine', 'core', 'moderation.act', 'x')$$,
  '42501', null, '... and register none');
select tests.clear_authentication();
select throws_ok($$select * from public.verification_kinds$$, '42501', null, 'anon reads no kinds');

-- Requests
select tests.authenticate_as(:'ann');
select lives_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s/passport.pdf'])$$, :'ann'),
  'a user asks for identity verification with their own document');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s/passport-2025.pdf'])$$, :'ann'),
  '23505', null, 'one pending request per user and kind');
select lives_ok(format($$insert into public.verification_requests (kind, document_paths) values ('probe_credential', array['%s/probe-card.png'])$$, :'ann'),
  '... while a request of a registered credential kind is pending beside it');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('nope', array['%s/passport.pdf'])$$, :'ann'),
  'PA001', 'unknown verification kind "nope"', 'an unregistered kind is refused');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('email', array['%s/passport.pdf'])$$, :'ann'),
  '22023', null, 'email is read from Auth, never requested');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('phone', array['%s/passport.pdf'])$$, :'ann'),
  '22023', null, '... nor is phone');
select tests.authenticate_as(:'bob');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s/passport.pdf'])$$, :'ann'),
  '23514', null, 'another user''s documents are refused');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s/../%s/passport.pdf'])$$, :'bob', :'ann'),
  '23514', null, '... even through a .. segment');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s//id.png'])$$, :'bob'),
  '23514', null, 'an empty segment is refused');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array[%L, 'x'])$$, :'bob' || '/id.png'),
  '23514', null, 'one path outside the folder spoils the request');
select throws_ok($$insert into public.verification_requests (kind, document_paths) values ('identity', '{}')$$,
  '23514', null, 'a request has documents');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array_fill(%L::text, array[11]))$$, :'bob' || '/id.png'),
  '23514', null, '... at most ten');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s/missing.png'])$$, :'bob'),
  'PA001', null, 'a document must have been uploaded');
select throws_ok(format($$insert into public.verification_requests (user_id, kind, document_paths) values (%L, 'identity', array['%s/id.png'])$$, :'ann', :'bob'),
  '42501', null, 'nobody asks for someone else');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths, status) values ('identity', array['%s/id.png'], 'approved')$$, :'bob'),
  '42501', null, 'an applicant cannot set the status');
select is((select count(*) from public.verification_requests)::int, 0, 'another user sees no one else''s requests');
select is((select count(*) from storage.objects where bucket_id = 'verification-documents')::int, 1, '... nor their documents, only their own');
select tests.authenticate_as(:'suspended');
select throws_ok(format($$insert into public.verification_requests (kind, document_paths) values ('identity', array['%s/id.png'])$$, :'suspended'),
  '42501', null, 'a suspended user asks for nothing');
select tests.clear_authentication();
select throws_ok($$select * from public.verification_requests$$, '42501', null, 'anon reads no requests');
select throws_ok($$insert into public.verification_requests (kind, document_paths) values ('identity', '{x}')$$, '42501', null, '... and makes none');

-- Who reads the queue and the documents: staff of the kind only
reset role;
select id as identity_request from public.verification_requests where kind = 'identity' \gset
select id as probe_request from public.verification_requests where kind = 'probe_credential' \gset
select tests.authenticate_as(:'moderator');
select is((select array_agg(kind) from public.verification_requests), array['identity'], 'a moderator reads identity requests, not the product''s kind');
select is((select array_agg(name) from storage.objects where bucket_id = 'verification-documents'), array[:'ann' || '/passport.pdf'],
  '... and the documents of those requests only');
select tests.authenticate_as(:'checker');
select is((select array_agg(kind) from public.verification_requests), array['probe_credential'], 'the product''s checker reads its kind''s requests only');
select is((select array_agg(name) from storage.objects where bucket_id = 'verification-documents'), array[:'ann' || '/probe-card.png'],
  '... and their documents');
select tests.authenticate_as(:'support');
select is((select count(*) from public.verification_requests)::int, 0, 'support (users.read_all) reads no requests nor documents');

-- Decisions
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.decide_verification(%L, true)$$, :'identity_request'), '42501', null, 'a user decides nothing');
select throws_ok(format($$select public.decide_verification(%L, true)$$, gen_random_uuid()), '42501', null, '... and learns nothing of unknown requests');
select tests.authenticate_as(:'support');
select throws_ok(format($$select public.decide_verification(%L, true)$$, :'identity_request'), '42501', null, 'support decides nothing');
select tests.authenticate_as(:'checker');
select throws_ok(format($$select public.decide_verification(%L, true)$$, :'identity_request'), '42501', null, 'the product''s checker cannot decide identity');
select tests.authenticate_as(:'moderator');
select throws_ok(format($$select public.decide_verification(%L, true)$$, :'probe_request'), '42501', null, 'a moderator cannot decide the product''s kind');
select throws_ok(format($$select public.decide_verification(%L, true)$$, gen_random_uuid()), 'PA001', null, 'staff get PA001 for an unknown request');
select throws_ok(format($$select public.decide_verification(%L, true, null, now() - interval '1 day')$$, :'identity_request'), '22023', null,
  'an expiry in the past is refused');
select throws_ok(format($$select public.decide_verification(%L, false, null, now() + interval '1 day')$$, :'identity_request'), '22023', null,
  'a rejection has no expiry');
select is((public.decide_verification(:'identity_request', true, 'documents match')).status, 'approved', 'a moderator approves the identity request');
select throws_ok(format($$select public.decide_verification(%L, false)$$, :'identity_request'), 'PA115', null, 'a decided request stays decided');
select is((select v.kind || ' by ' || (v.verified_by = :'moderator') || ', ' || v.note || ', expires ' || coalesce(v.expires_at::text, 'never')
             from public.verifications v where v.request_id = :'identity_request'),
  'identity by true, documents match, expires never', 'the decision records what was verified, by whom, with the note');
select is((select verified from public.profiles where id = :'ann'), true, 'profiles.verified follows the identity verification');
select is((select details ->> 'kind' from audit.moderation_log where action = 'verify' and target_id = :'ann'), 'identity', 'the decision is in the moderation log');

-- The applicant's side
select tests.authenticate_as(:'ann');
select is((select type || ' ' || (payload ->> 'kind') from public.notifications where type like 'verification.%'), 'verification.approved identity',
  'the applicant is notified of the decision');
select is((select status || ': ' || decision_note from public.verification_requests where id = :'identity_request'), 'approved: documents match',
  'and reads it');
select throws_ok($$update public.profiles set verified = false where id = auth.uid()$$, '42501', null, 'a user cannot change their verified flag with a plain UPDATE');
select tests.authenticate_as(:'bob');
select throws_ok($$update public.profiles set verified = true where id = auth.uid()$$, '42501', null, '... nor set it');
select throws_ok(format($$insert into public.verifications (user_id, kind) values (%L, 'identity')$$, :'bob'), '42501', null, 'nor write a verification');
select is((select count(*) from public.verifications)::int, 0, 'another user reads no one else''s verifications');
select tests.authenticate_as_service_role();
select throws_ok(format($$update public.profiles set verified = true where id = %L$$, :'bob'), '42501', null, 'not even service_role sets the flag');
select throws_ok(format($$update public.profiles set verified = false where id = %L$$, :'ann'), '42501', null, '... or clears it while the verification is current');

-- A product's kind: the product's checker decides; the kind's validity is the default expiry
select tests.authenticate_as(:'checker');
select is((public.decide_verification(:'probe_request', true)).status, 'approved', 'the product''s checker approves its kind');
select is((select expires_at from public.verifications where request_id = :'probe_request'), now() + interval '30 days', 'expiring after the kind''s validity');
select is((select count(*) from public.verifications)::int, 1, 'the checker reads the verifications of its kind only');
select tests.authenticate_as(:'support');
select is((select count(*) from public.verifications where user_id = :'ann')::int, 2, 'support (users.read_all) reads every verification');

-- Staff never decide their own
select tests.authenticate_as(:'moderator');
insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', :'moderator' || '/id.png', :'moderator');
insert into public.verification_requests (kind, document_paths) values ('identity', array[:'moderator' || '/id.png']) returning id as own_request \gset
select throws_ok(format($$select public.decide_verification(%L, true)$$, :'own_request'), '42501', null, 'staff cannot decide their own request');
select tests.authenticate_as_service_role();
select is((public.decide_verification(:'own_request', false, 'blurry')).status, 'rejected', 'service_role decides any kind');
select is((select verified from public.profiles where id = :'moderator'), false, 'a rejection verifies nothing');

-- Reading: email and phone from Auth, the rest current verifications, no documents
reset role;
update auth.users set phone = '+15550100', phone_confirmed_at = '2026-01-02 03:04:05+00' where id = :'ann';
update auth.users set email_confirmed_at = null where id = :'bob';
select email_confirmed_at as ann_email_confirmed_at from auth.users where id = :'ann' \gset
select tests.authenticate_as_service_role();
select is((select array_agg(kind order by kind) from private.user_verifications(:'ann')), array['email', 'identity', 'phone', 'probe_credential'],
  'service_role reads a user''s verifications: Auth''s email and phone beside the decided kinds');
select is((select verified_at from private.user_verifications(:'ann') where kind = 'phone'), '2026-01-02 03:04:05+00'::timestamptz,
  'the phone''s is when Auth confirmed it');
select is((select verified_at from private.user_verifications(:'ann') where kind = 'email'), :'ann_email_confirmed_at'::timestamptz,
  '... and the email''s');
select is((select count(*) from private.user_verifications(:'bob'))::int, 0, 'an unconfirmed email is no verification');
select ok(private.has_verification(:'ann', 'probe_credential'), 'products ask whether a user holds a kind');
select throws_ok(format($$select private.has_verification(%L, 'probe_typo')$$, :'ann'), 'PA001', null, '... an unregistered kind is an error');
select tests.authenticate_as(:'ann');
select is((select array_agg(kind || ':' || coalesce(expires_at::text, '-') order by kind) from public.my_verifications()),
  array['email:-', 'identity:-', 'phone:-', 'probe_credential:' || (now() + interval '30 days')::text], 'a user reads their own verifications');
select throws_ok(format($$select * from private.user_verifications(%L)$$, :'bob'), '42501', null, 'clients cannot read someone else''s through the products'' function');
select is((select count(*) from public.user_verifications(:'ann'))::int, 4, '... also through user_verifications');
select tests.authenticate_as(:'bob');
select is((select count(*) from public.my_verifications())::int, 0, 'another user reads only their own (none)');
select throws_ok(format($$select * from public.user_verifications(%L)$$, :'ann'), '42501', null, '... and not someone else''s');
select tests.authenticate_as(:'support');
select is((select array_agg(kind order by kind) from public.user_verifications(:'ann')), array['email', 'identity', 'phone', 'probe_credential'],
  'support (users.read_all) reads a user''s verifications');
select tests.authenticate_as(:'checker');
select is((select count(*) from public.user_verifications(:'ann'))::int, 4, '... and so does staff deciding a kind');
select tests.authenticate_as_service_role();
select is((select count(*) from public.user_verifications(:'ann'))::int, 4, '... and service_role');
select tests.clear_authentication();
select throws_ok($$select * from public.my_verifications()$$, '42501', null, 'anon reads none');

-- Renewal: a new approval replaces the current verification of that kind
select tests.authenticate_as(:'ann');
insert into public.verification_requests (kind, document_paths) values ('identity', array[:'ann' || '/passport-2025.pdf']) returning id as renewal \gset
select tests.authenticate_as(:'moderator');
select lives_ok(format($$select public.decide_verification(%L, true, 'renewed passport', now() + interval '1 year')$$, :'renewal'), 'staff approve a renewal with an expiry');
select is((select array_agg(coalesce(revoke_reason, 'current') order by verified_at, revoked_at nulls last) from public.verifications where user_id = :'ann' and kind = 'identity'),
  array['renewed', 'current'], 'the earlier verification is revoked as renewed: one current per kind');

-- Expiry: past its expiry a verification no longer counts, and pg_cron clears the flag
reset role;
select is((select schedule from cron.job where jobname = 'expire-verifications'), '*/5 * * * *', 'pg_cron clears expired identity verifications every five minutes');
alter table public.verifications disable trigger sync_verified_flag;
update public.verifications set verified_at = now() - interval '2 years', expires_at = now() - interval '1 day'
 where user_id = :'ann' and kind = 'identity' and revoked_at is null;
alter table public.verifications enable trigger sync_verified_flag;
select is((select array_agg(kind order by kind) from private.user_verifications(:'ann')), array['email', 'phone', 'probe_credential'],
  'an expired verification is not read');
select is(private.expire_verifications(), 1, 'the expiry job clears the flag');
select is((select verified from public.profiles where id = :'ann'), false, '... of the user whose identity verification expired');

-- Revocation
select id as probe_verification from public.verifications where kind = 'probe_credential' and user_id = :'ann' \gset
select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.revoke_verification(%L, 'no')$$, :'probe_verification'), '42501', null, 'a user revokes nothing');
select tests.authenticate_as(:'moderator');
select throws_ok(format($$select public.revoke_verification(%L, 'no')$$, :'probe_verification'), '42501', null, 'a moderator cannot revoke the product''s kind');
select tests.authenticate_as(:'checker');
select throws_ok(format($$select public.revoke_verification(%L, ' ')$$, :'probe_verification'), '22023', null, 'a revocation needs a reason');
select is((public.revoke_verification(:'probe_verification', 'credential withdrawn')).revoke_reason, 'credential withdrawn', 'the product''s checker revokes');
select throws_ok(format($$select public.revoke_verification(%L, 'again')$$, :'probe_verification'), 'PA115', null, 'a revoked verification stays revoked');
reset role;
select is((select count(*)::int from audit.domain_events where event_type = 'verification.revoked' and payload ->> 'id' = :'probe_verification'), 1,
  'a revocation is a domain event');
select tests.authenticate_as(:'checker');
select throws_ok(format($$select public.revoke_verification(%L, 'x')$$, gen_random_uuid()), 'PA001', null, 'an unknown verification is PA001');
select tests.authenticate_as(:'ann');
select is((select payload ->> 'reason' from public.notifications where type = 'verification.revoked'), 'credential withdrawn', 'the user is notified of the revocation');
select is((select count(*) from public.my_verifications() where kind = 'probe_credential')::int, 0, '... and it no longer counts');

-- Revoking the current identity verification clears the flag at once
reset role;
insert into public.verification_requests (user_id, kind, document_paths) values (:'bob', 'identity', array[:'bob' || '/id.png']) returning id as bob_request \gset
select tests.authenticate_as(:'moderator');
select (public.decide_verification(:'bob_request', true)).status as bob_status \gset
select is((select verified from public.profiles where id = :'bob'), true, 'bob is verified');
select lives_ok(format($$select public.revoke_verification((select id from public.verifications where request_id = %L), 'forged')$$, :'bob_request'),
  'a moderator revokes an identity verification');
select is((select verified from public.profiles where id = :'bob'), false, '... and the flag is cleared in the same transaction');
reset role;
delete from public.profiles where id = :'suspended';
select tests.authenticate_as_service_role();
select throws_ok(format($$insert into public.profiles (id, display_name, verified) values (%L, 'Back again', true)$$, :'suspended'), '42501', null,
  'nor is a profile created verified');

select * from finish();
rollback;
