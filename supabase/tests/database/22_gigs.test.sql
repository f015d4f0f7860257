-- Gigs: profiles, moodboards, gigs and their lifecycle, discovery (inside and outside the radius,
-- past gigs, blocks, content preferences, paging), boosts, applications and plan limits, from every
-- side: anon, the owner, an applicant, accepted talent, another user, a moderator, service_role.
begin;
select plan(163);

select tests.create_user('owner@gigs.test') as owner \gset
select tests.create_user('talent@gigs.test') as talent \gset
select tests.create_user('other@gigs.test') as other \gset
select tests.create_user('fourth@gigs.test') as fourth \gset
select tests.create_user('mod@gigs.test') as mod \gset
insert into public.user_staff_roles (user_id, role) values (:'mod', 'moderator');
-- The demo contributor of seed.sql has gigs in Dublin too: discovery's exact sets leave them out.
\set demo '00000000-0000-0000-0000-000000000003'
-- Generous limits while the fixtures are made; the limits themselves are tested at the end.
update billing.plans set features = '{"gigs_per_month": 100, "applications_per_month": 100}' where id = 'gigs-free';

-- Profiles ----------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'talent');
select lives_ok($$insert into gigs.profiles (user_id, role, handle, city, style_tags, looking_for_types, experience_years)
                  values (auth.uid(), 'talent', 'Anna_K', 'Dublin', '{editorial,fashion}', '{model}', 4)$$, 'a user creates their gigs profile');
select is((select profile_completion_percentage from gigs.profiles where user_id = :'talent'), 60, 'completion is computed by the database');
select throws_ok($$update gigs.profiles set rating = 5 where user_id = auth.uid()$$, '42501', null, 'the rating is not client-writable');
select throws_ok($$update gigs.profiles set review_count = 9 where user_id = auth.uid()$$, '42501', null, '... nor the review count');
select throws_ok($$insert into gigs.profiles (user_id, role, handle) values (auth.uid(), 'talent', 'x')$$, '23514', null, 'handles are 3 to 30 plain characters');
select throws_ok($$update gigs.profiles set portfolio_urls = '{javascript:alert(1)}' where user_id = auth.uid()$$, '23514', null,
  'portfolio links are http(s) URLs');
select tests.authenticate_as(:'owner');
select throws_ok($$insert into gigs.profiles (user_id, role, handle) values (auth.uid(), 'contributor', 'anna_k')$$, '23505', null,
  'handles are unique ignoring case');
select lives_ok($$insert into gigs.profiles (user_id, role, handle, city) values (auth.uid(), 'contributor', 'studio_owner', 'Dublin')$$,
  'the owner creates a contributor profile');
select throws_ok(format($$insert into gigs.profiles (user_id, role, handle) values (%L, 'talent', 'someone_else')$$, :'other'), '42501', null,
  'nobody creates a profile for someone else');
select ok(tests.refused(format($$update gigs.profiles set city = 'Cork' where user_id = %L$$, :'talent')), 'nobody changes another''s profile');
select ok(tests.refused(format($$delete from gigs.profiles where user_id = %L$$, :'talent')), 'nobody deletes another''s profile');
select is((select verification_status from gigs.verification_badge('anna_k')), 'email_verified', 'the ladder reads the core''s verifications (email)');
reset role;
insert into public.verifications (user_id, kind, verified_by) select :'talent', 'identity', :'mod';
select tests.authenticate_as(:'owner');
select is((select verification_badge from gigs.verification_badge('ANNA_K')), 'ID verified', '... and an identity verification is the top badge');
select tests.clear_authentication();
select is((select count(*)::int from gigs.profiles where user_id in (:'talent', :'owner')), 2, 'anon reads gigs profiles');
select throws_ok($$insert into gigs.profiles (user_id, role, handle) values (gen_random_uuid(), 'talent', 'anon_user')$$, '42501', null,
  'anon writes no profile');

-- Moodboards and gigs -------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
insert into gigs.moodboards (title, palette, items) values ('Neon nights', '{"#ff00aa","#001122"}', '[{"url": "https://example.com/a.jpg"}]')
returning id as board \gset
select throws_ok($$insert into gigs.moodboards (title, palette) values ('Bad', '{red}')$$, '23514', null, 'palettes are #rrggbb colours');

insert into gigs.gigs (title, description, comp_type, comp_amount, location_text, location_lat, location_lng, location_radius_km,
                       start_time, end_time, application_deadline, max_applicants, looking_for_types, moodboard_id,
                       applicant_preferences)
values ('Editorial in Dublin', 'A night shoot.', 'paid', 15000, 'Dublin', 53.3498, -6.2603, 50,
        now() + interval '10 days', now() + interval '10 days 4 hours', now() + interval '5 days', 2, '{model}', :'board',
        '{"style_tags": ["editorial", "street"], "min_experience_years": 2}')
returning id as gig \gset
select is((select status from gigs.gigs where id = :'gig'), 'draft', 'a new gig is a draft');
select is((select comp_currency from gigs.gigs where id = :'gig'), 'EUR', 'compensation is in EUR unless said');
select ok((select location is not null from gigs.gigs where id = :'gig'), 'the geography point is generated from lat/lng');
select throws_ok($$insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time,
                                          application_deadline, status)
                  values ('x', 'y', 'tfp', 'Dublin', 53, -6, now() + interval '2 days', now() + interval '3 days', now() + interval '1 day', 'published')$$,
  '42501', null, 'the status is not client-writable');
select throws_ok($$insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
                  values ('x', 'y', 'tfp', 'Dublin', 53, -6, now() + interval '2 days', now() + interval '3 days', now() + interval '4 days')$$,
  '23514', null, 'the deadline comes before the start');
select throws_ok($$insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
                  values ('x', 'y', 'paid', 'Dublin', 53, -6, now() + interval '2 days', now() + interval '3 days', now() + interval '1 day')$$,
  '23514', null, 'a paid gig says how much');
select throws_ok(format($$update gigs.gigs set status = 'published' where id = %L$$, :'gig'), '42501', null, 'the owner cannot publish by UPDATE');
select throws_ok(format($$update gigs.gigs set boost_level = 3 where id = %L$$, :'gig'), '42501', null, '... nor boost');

-- another user: no draft, no foreign moodboard or gig references, no private moodboard
select tests.authenticate_as(:'other');
select is((select count(*)::int from gigs.gigs where id = :'gig'), 0, 'another user does not read a draft');
select is((select count(*)::int from gigs.moodboards where id = :'board'), 0, '... nor a private moodboard');
select throws_ok(format($$insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time,
                                                 application_deadline, moodboard_id)
                         values ('x', 'y', 'tfp', 'Dublin', 53, -6, now() + interval '2 days', now() + interval '3 days', now() + interval '1 day', %L)$$, :'board'),
  '42501', null, 'a gig cannot use another user''s moodboard');
select throws_ok(format($$insert into gigs.moodboards (title, gig_id) values ('Mine', %L)$$, :'gig'), '42501', null,
  'a moodboard cannot name another user''s gig');
insert into gigs.moodboards (title) values ('Other board') returning id as other_board \gset
select throws_ok(format($$update gigs.moodboards set gig_id = %L where id = %L$$, :'gig', :'other_board'), '42501', null,
  '... not even by a later update');
select throws_ok(format($$select gigs.publish_gig(%L)$$, :'gig'), 'PA001', null, 'another user cannot publish the gig');
select tests.authenticate_as(:'owner');
select throws_ok(format($$update gigs.gigs set moodboard_id = %L where id = %L$$, :'other_board', :'gig'), '42501', null,
  'the owner cannot point their gig at another user''s moodboard');
update gigs.moodboards set is_public = true where id = :'board';
select tests.clear_authentication();
select is((select count(*)::int from gigs.moodboards where id = :'board'), 1, 'anon reads a public moodboard');
select is((select count(*)::int from gigs.gigs where id = :'gig'), 0, 'anon does not read a draft');
select throws_ok(format($$select gigs.publish_gig(%L)$$, :'gig'), '42501', null, 'anon cannot call the lifecycle RPCs');

select tests.authenticate_as(:'owner');
select is((gigs.publish_gig(:'gig')).status, 'published', 'the owner publishes the draft');
select throws_ok(format($$select gigs.publish_gig(%L)$$, :'gig'), 'PA115', null, 'a published gig is not published again');
select tests.clear_authentication();
select is((select count(*)::int from gigs.gigs where id = :'gig'), 1, 'anon reads the published gig');

-- Discovery -------------------------------------------------------------------------------------------------------------
-- Fixtures: Cork (about 220 km away), Howth (13 km away, with a 1 km radius), a past gig, a mature one,
-- one tagged "nude", one by another owner.
select tests.authenticate_as(:'owner');
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, location_radius_km, start_time, end_time, application_deadline)
values ('Cork', 'far', 'tfp', 'Cork', 51.8985, -8.4756, 200, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days')
returning id as cork \gset
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, location_radius_km, start_time, end_time, application_deadline)
values ('Howth', 'near but small', 'tfp', 'Howth', 53.3786, -6.0670, 1, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days')
returning id as howth \gset
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
values ('Past', 'over', 'tfp', 'Dublin', 53.35, -6.26, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days')
returning id as past \gset
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline, is_mature, tags)
values ('Mature', 'mature', 'expenses', 'Dublin', 53.35, -6.27, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days', true, '{boudoir}')
returning id as mature \gset
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline, tags)
values ('Tagged', 'tagged', 'tfp', 'Dublin', 53.34, -6.25, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days', '{nude}')
returning id as tagged \gset
select count(gigs.publish_gig(g)) from unnest(array[:'cork', :'howth', :'past', :'mature', :'tagged']::uuid[]) g;
reset role;
update gigs.gigs set start_time = now() - interval '2 days', end_time = now() - interval '1 day', application_deadline = now() - interval '3 days'
 where id = :'past';
select tests.authenticate_as(:'fourth');
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
values ('Fourth''s gig', 'by someone else', 'tfp', 'Dublin', 53.345, -6.255, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days')
returning id as fourth_gig \gset
select count(*) from gigs.publish_gig(:'fourth_gig');

select tests.authenticate_as(:'talent');
select set_eq(format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25) where owner_user_id <> %L$$, :'demo'), array[:'gig', :'tagged', :'fourth_gig']::uuid[],
  'discovery: published, upcoming, inside both radii; not Cork (outside the search), Howth (outside its own 1 km), the past gig or the mature one');
select ok(:'cork'::uuid not in (select id from gigs.discover_gigs(53.3498, -6.2603, 200)) and :'cork'::uuid in (select id from gigs.discover_gigs(51.9, -8.47, 25)),
  'Cork is 220 km from Dublin: out of a 200 km search from Dublin, found from Cork');
select ok(:'howth'::uuid in (select id from gigs.discover_gigs(53.3786, -6.0670, 5)), 'standing in Howth finds the Howth gig');
select throws_ok($$select * from gigs.discover_gigs(53.3, -6.2, 201)$$, '22023', null, 'the search radius is at most 200 km');
select throws_ok($$select * from gigs.discover_gigs(93, -6.2, 20)$$, '22023', null, 'the point must be on earth');
select throws_ok($$select * from gigs.discover_gigs(53.3, -6.2, 20, null, null, 101)$$, '22023', null, 'a page is at most 100 gigs');
select throws_ok($$select * from gigs.discover_gigs(53.3, -6.2, 20, null, '{tfp,paid,expenses,tfp}')$$, '22023', null, 'filters are bounded');
select set_eq(format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25, '{model}') where owner_user_id <> %L$$, :'demo'), array[:'gig']::uuid[], 'filter by the types looked for');
select set_eq(format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25, null, '{paid}') where owner_user_id <> %L$$, :'demo'), array[:'gig']::uuid[], 'filter by compensation');
select throws_ok($$insert into public.user_content_preferences (user_id, content_filter_level) values (auth.uid(), 'none')$$, '23514', null,
  'the content filter level is strict, moderate or lenient');
insert into public.user_content_preferences (user_id, allow_mature_content, auto_hide_nsfw, hidden_tags) values (auth.uid(), true, false, '{nude}');
select set_eq(format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25) where owner_user_id <> %L$$, :'demo'), array[:'gig', :'mature', :'fourth_gig']::uuid[],
  'content preferences: mature gigs when allowed and not auto-hidden; hidden tags left out');
insert into public.blocks (blocker_id, blocked_id) values (auth.uid(), :'fourth');
select ok(:'fourth_gig'::uuid not in (select id from gigs.discover_gigs(53.3498, -6.2603, 25)), 'a blocked user''s gigs are left out');
select tests.authenticate_as(:'fourth');
select ok(:'gig'::uuid in (select id from gigs.discover_gigs(53.3498, -6.2603, 25)), 'the blocked user still sees others'' gigs');
insert into public.blocks (blocker_id, blocked_id) values (auth.uid(), :'owner');
select ok(:'gig'::uuid not in (select id from gigs.discover_gigs(53.3498, -6.2603, 25)), '... but not those of a user they blocked');
select tests.authenticate_as(:'owner');
select ok(:'fourth_gig'::uuid not in (select id from gigs.discover_gigs(53.3498, -6.2603, 25)), 'the other way too: not the gigs of one who blocked you');
select tests.clear_authentication();
select set_eq(format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25) where owner_user_id <> %L$$, :'demo'), array[:'gig', :'tagged', :'fourth_gig']::uuid[],
  'anon discovers published gigs, without mature ones');
select is((select count(*)::int from gigs.discover_gigs(53.3498, -6.2603, 25, null, null, 2)), 2, 'p_limit caps a page');
select set_eq(format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25, null, null, 100,
                                                          (select id from gigs.discover_gigs(53.3498, -6.2603, 25, null, null, 2) offset 1 limit 1))$$),
  format($$select id from gigs.discover_gigs(53.3498, -6.2603, 25) offset 2$$), 'keyset paging: the next page starts after p_after');

-- Boosts ----------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.boost_gig(%L, 1, 'boost-key-1')$$, :'tagged'), 'PA101', null, 'a boost needs credits');
reset role;
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'owner', 'CREDIT'), 1000, 'bonus', 'test-credits-owner');
select tests.authenticate_as(:'owner');
select is((gigs.boost_gig(:'tagged', 2, 'boost-key-2')).boost_level, 2, 'the owner boosts a gig');
select is((gigs.boost_gig(:'tagged', 2, 'boost-key-2')).boost_level, 2, 'a retry with the same key answers the same');
reset role;
select is((select balance from billing.accounts where id = billing.user_account(:'owner', 'CREDIT')), 880::bigint, '... charged once (120 credits)');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.boost_gig(%L, 2, 'boost-key-2')$$, :'gig'), 'PA106', null, 'the key cannot pay to boost another gig');
select throws_ok(format($$select gigs.boost_gig(%L, 9, 'boost-key-9')$$, :'gig'), 'PA001', null, 'an unknown level is refused');
select is((select id from gigs.discover_gigs(53.3498, -6.2603, 25) limit 1), :'tagged'::uuid, 'boosted gigs come first');
select tests.authenticate_as(:'other');
select throws_ok(format($$select gigs.boost_gig(%L, 1, 'boost-other')$$, :'gig'), 'PA001', null, 'only the owner boosts');

-- Applications ----------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'talent');
select lives_ok(format($$select gigs.apply(%L, 'I love night shoots')$$, :'gig'), 'talent applies to a published gig');
select is((select compatibility_score from gigs.applications where gig_id = :'gig' and applicant_user_id = :'talent'), 0.85::numeric(3,2),
  'the compatibility score: the type matches (0.5), one of two styles (0.15), the experience (0.2)');
select is((select profile_snapshot ->> 'handle' from gigs.applications where gig_id = :'gig' and applicant_user_id = :'talent'), 'Anna_K',
  'the profile is snapshotted when applying');
select throws_ok(format($$select gigs.apply(%L)$$, :'gig'), '23505', null, 'once per applicant and gig');
select throws_ok(format($$select gigs.apply(%L)$$, :'past'), 'PA171', null, 'not after the deadline');
select throws_ok(format($$insert into gigs.applications (gig_id, applicant_user_id, compatibility_score) values (%L, auth.uid(), 1)$$, :'cork'),
  '42501', null, 'applications are made by gigs.apply only');
select ok(tests.refused(format($$update gigs.applications set status = 'accepted' where gig_id = %L$$, :'gig')), 'the applicant cannot accept themself');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.apply(%L)$$, :'gig'), '42501', null, 'not to one''s own gig');
select is((select count(*)::int from public.notifications where user_id = :'owner' and type = 'application.status'), 1, 'the owner is notified of the application');
select tests.authenticate_as(:'fourth');
select throws_ok(format($$select gigs.apply(%L)$$, :'gig'), '42501', null, 'not to a gig of someone you blocked');
select tests.authenticate_as(:'other');
select lives_ok(format($$select gigs.apply(%L)$$, :'gig'), 'a second applicant fills the gig of 2');
select is((select count(*)::int from gigs.applications where gig_id = :'gig'), 1, 'an applicant reads only their own application');
select tests.authenticate_as(:'mod');
select throws_ok(format($$select gigs.apply(%L)$$, :'gig'), 'PA004', null, 'a full gig takes no more applications');
select tests.authenticate_as(:'talent');
select throws_ok(format($$select gigs.apply(%L)$$, :'gig'), '23505', null, 'applying again to a full gig says already applied');
select tests.authenticate_as(:'mod');
select is((select count(*)::int from gigs.applications where gig_id = :'gig'), 0, 'a moderator reads no applications');
select tests.clear_authentication();
select throws_ok($$select * from gigs.applications$$, '42501', null, 'anon reads no applications');
select tests.authenticate_as(:'owner');
select is((select count(*)::int from gigs.applications where gig_id = :'gig'), 2, 'the owner reads their gig''s applications');
select (select id from gigs.applications where gig_id = :'gig' and applicant_user_id = :'talent') as app \gset
select (select id from gigs.applications where gig_id = :'gig' and applicant_user_id = :'other') as other_app \gset
select tests.authenticate_as(:'other');
select throws_ok(format($$select gigs.review_application(%L, 'accepted')$$, :'app'), 'PA001', null, 'only the owner reviews applications');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.review_application(%L, 'hired')$$, :'app'), '22023', null, 'a decision is shortlisted, accepted or declined');
select throws_ok(format($$select gigs.review_application(%L, 'accepted')$$, gen_random_uuid()), 'PA001', null, 'an unknown application is PA001');
select is((gigs.review_application(:'app', 'shortlisted')).status, 'shortlisted', 'the owner shortlists');
select gigs.gig_conversation(:'gig') as conv \gset
reset role;
select set_eq(format($$select user_id from public.conversation_participants where conversation_id = %L$$, :'conv'), array[:'owner', :'talent']::uuid[],
  'shortlisting opens the gig conversation for the two');
select is((select reviewed_by from gigs.applications where id = :'app'), :'owner'::uuid, 'reviewed_by is recorded');
select ok((select count(*) from audit.domain_events where aggregate_type = 'gig_application' and aggregate_id = :'app') >= 2,
  'each status change writes a domain event');
select tests.seed_topic('gig:' || :'gig');
select tests.authenticate_as(:'talent');
select is((select count(*)::int from public.notifications where type = 'application.status' and payload ->> 'status' = 'shortlisted'), 1,
  'the talent is notified');
select ok(tests.topic_visible('gig:' || :'gig'), 'shortlisted talent joins the gig topic');
select is(gigs.gig_conversation(:'gig'), :'conv'::uuid, '... and reads the conversation id');
select is(tests.rows_affected(format($$update public.conversation_participants set archived = true where conversation_id = %L and user_id = auth.uid()$$, :'conv')),
  1::bigint, 'a participant archives the conversation for themself');
select is((select archived from public.my_conversations() where conversation_id = :'conv'), true, '... and their list says so');
select ok(tests.refused(format($$update public.conversation_participants set archived = true where conversation_id = %L and user_id = %L$$, :'conv', :'owner')),
  '... but not for the other participant');
select tests.authenticate_as(:'other');
select ok(not tests.topic_visible('gig:' || :'gig'), 'a pending applicant is not in the gig topic');
select throws_ok(format($$select gigs.gig_conversation(%L)$$, :'gig'), 'PA001', null, '... nor the conversation');
select is((gigs.withdraw_application(:'other_app')).status, 'withdrawn', 'the applicant withdraws');
select throws_ok(format($$select gigs.withdraw_application(%L)$$, :'other_app'), 'PA115', null, 'a withdrawn application stays withdrawn');
select throws_ok(format($$select gigs.withdraw_application(%L)$$, :'app'), 'PA001', null, 'nobody withdraws another''s application');
select tests.authenticate_as(:'mod');
select lives_ok(format($$select gigs.apply(%L)$$, :'gig'), 'a withdrawal frees a place');
select tests.authenticate_as(:'owner');
select is((gigs.review_application(:'app', 'accepted')).status, 'accepted', 'the owner accepts');
select throws_ok(format($$select gigs.review_application(%L, 'shortlisted')$$, :'app'), 'PA115', null, 'an accepted application is not shortlisted back');
select is((gigs.review_application(:'app', 'declined')).status, 'declined', 'an accepted application can still be declined');
reset role;
select is((select count(*)::int from public.conversation_participants where conversation_id = :'conv' and user_id = :'talent'), 0,
  'declined talent leaves the gig conversation at once');
update gigs.applications set status = 'accepted' where id = :'app';

-- Lifecycle -------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'other');
select throws_ok(format($$select gigs.close_gig(%L)$$, :'gig'), 'PA001', null, 'another user cannot close the gig');
select throws_ok(format($$select gigs.cancel_gig(%L)$$, :'gig'), 'PA001', null, '... nor cancel it');
select ok(tests.refused(format($$update gigs.gigs set title = 'mine' where id = %L$$, :'gig')), '... nor edit it');
select ok(tests.refused(format($$delete from gigs.gigs where id = %L$$, :'gig')), '... nor delete it');
select tests.authenticate_as(:'owner');
select ok(tests.refused(format($$delete from gigs.gigs where id = %L$$, :'gig')), 'a published gig is not deleted (it is cancelled)');
select is((gigs.close_gig(:'gig')).status, 'closed', 'the owner closes the gig');
select tests.authenticate_as(:'fourth');
select throws_ok(format($$select gigs.apply(%L)$$, :'gig'), 'PA001', null, 'a closed gig takes no applications');
select tests.authenticate_as(:'owner');
select ok(tests.refused(format($$update gigs.gigs set title = 'late' where id = %L$$, :'gig')), 'a closed gig is no longer edited');
select is((gigs.complete_gig(:'gig')).status, 'completed', 'the owner completes the gig');
select throws_ok(format($$select gigs.review_application(%L, 'declined')$$, :'app'), 'PA115', null, 'applications of a completed gig are no longer decided');
select throws_ok(format($$select gigs.cancel_gig(%L)$$, :'gig'), 'PA115', null, 'a completed gig is not cancelled');
select is((gigs.cancel_gig(:'cork')).status, 'cancelled', 'a published gig is cancelled');

-- Moderation and reports --------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'talent');
select lives_ok(format($$insert into public.reports (target_type, target_id, reason) values ('gig', %L, 'spam')$$, :'tagged'), 'a published gig can be reported');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason) values ('gig', %L, 'spam')$$, :'board'), 'PA001', null,
  'a target that is no gig is refused');
select throws_ok(format($$select public.moderate('unpublish', 'gig', %L, 'spam')$$, :'tagged'), '42501', null, 'only moderators unpublish');
select tests.authenticate_as(:'mod');
select lives_ok(format($$select public.moderate('unpublish', 'gig', %L, 'spam')$$, :'tagged'), 'a moderator unpublishes a gig');
select tests.clear_authentication();
select is((select count(*)::int from gigs.gigs where id = :'tagged'), 0, 'an unpublished gig is out of sight');
select tests.authenticate_as_service_role();
select ok((select count(*) from gigs.gigs) >= 7 and (select count(*) from gigs.applications) >= 3, 'service_role reads every gig and application');

-- Plan limits -------------------------------------------------------------------------------------------------------------
reset role;
update billing.plans set features = '{"gigs_per_month": 1, "applications_per_month": 1}' where id = 'gigs-free';
select tests.authenticate_as(:'other');
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
values ('A', 'a', 'tfp', 'Dublin', 53.3, -6.2, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days') returning id as a1 \gset
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
values ('B', 'b', 'tfp', 'Dublin', 53.3, -6.2, now() + interval '9 days', now() + interval '9 days 1 hour', now() + interval '8 days') returning id as a2 \gset
select lives_ok(format($$select gigs.publish_gig(%L)$$, :'a1'), 'the free plan publishes one gig a month (here)');
select throws_ok(format($$select gigs.publish_gig(%L)$$, :'a2'), 'PA170', null, '... and refuses the next');
reset role;
update gigs.gigs set application_deadline = now() - interval '1 hour' where id = :'a2';
select tests.authenticate_as(:'other');
select throws_ok(format($$select gigs.publish_gig(%L)$$, :'a2'), 'PA171', null, 'a draft whose deadline has passed is not published');
reset role;
update gigs.gigs set application_deadline = now() + interval '8 days' where id = :'a2';
select tests.authenticate_as(:'other');
select throws_ok(format($$select gigs.apply(%L)$$, :'fourth_gig'), 'PA170', null, 'the applicant''s monthly applications are limited too (one already this month)');
reset role;
insert into billing.subscriptions (user_id, plan_id, status, stripe_subscription_id, current_period_end, last_event_at)
values (:'other', 'gigs-pro', 'active', 'sub_gigs_test', now() + interval '20 days', now());
select tests.authenticate_as(:'other');
select lives_ok(format($$select gigs.publish_gig(%L)$$, :'a2'), 'the pro plan has no monthly limit');
select is((select plan_id from billing.my_plan('gigs')), 'gigs-pro', 'my_plan answers the gigs plan');

-- Blanket writes (no WHERE: only the write policies decide) reach one's own rows only.
select tests.authenticate_as(:'other');
select is(tests.rows_affected($$update gigs.gigs set safety_notes = 'bring water'$$), 2::bigint, 'an UPDATE of every gig changes only one''s own open gigs');
select is(tests.rows_affected($$update gigs.moodboards set description = 'mine'$$), 1::bigint, '... of every moodboard, one''s own');
select is(tests.rows_affected($$delete from gigs.moodboards$$), 1::bigint, '... and a DELETE of every moodboard removes one''s own');
select is(tests.rows_affected($$delete from gigs.gigs$$), 0::bigint, 'published gigs are not deleted, even one''s own');
select is(tests.rows_affected($$update gigs.profiles set city = 'Galway'$$), 0::bigint, '... of every profile, none (they have none)');
select tests.authenticate_as(:'talent');
select is(tests.rows_affected($$update gigs.profiles set city = 'Galway'$$), 1::bigint, '... and with a profile, their own');


-- Discovery's two ways to a page (gigs.discovery_walk_limit) --------------------------------------------------------------
-- 600 published gigs around Galway and Limerick (about 75 km apart): boosts, ties on created_at,
-- small and large own radii, past and draft ones, mature ones, hidden tags, owners blocked either
-- way, every filter. Each search is paged with p_after until a short page, with the walk always
-- (limit huge), never (0), and walking a little then collecting (40): each concatenation must be the
-- whole answer, in order, as a plain query over the table (below) computes it.
reset role;
select tests.create_user('walker@gigs.test') as walker \gset
select tests.create_user('prude@gigs.test') as prude \gset
select tests.create_user('w_owner1@gigs.test') as w1 \gset
select tests.create_user('w_owner2@gigs.test') as w2 \gset
select tests.create_user('w_owner3@gigs.test') as w3 \gset
select tests.create_user('w_owner4@gigs.test') as w4 \gset
insert into public.user_content_preferences (user_id, allow_mature_content, auto_hide_nsfw, hidden_tags) values (:'walker', true, false, '{nude}');
insert into public.blocks (blocker_id, blocked_id) values (:'walker', :'w2'), (:'w3', :'walker');
insert into gigs.gigs (owner_user_id, title, description, comp_type, comp_amount, location_text, location_lat, location_lng, location_radius_km,
                       start_time, end_time, application_deadline, status, published_at, boost_level, looking_for_types, tags, is_mature, created_at)
select (array[:'w1', :'w2', :'w3', :'w4']::uuid[])[1 + g % 4], 'Walk ' || g, 'generated', (array['tfp', 'paid', 'expenses'])[1 + g % 3],
       case when g % 3 = 1 then 1000 end, 'Around', c.lat + ((g * 37) % 101 - 50) * 0.006, c.lng + ((g * 53) % 101 - 50) * 0.009,
       (array[1, 10, 25, 60, 200])[1 + g % 5], s.start_time, s.start_time + interval '2 hours', s.start_time - interval '1 hour',
       case when g % 19 = 0 then 'draft' else 'published' end, case when g % 19 <> 0 then now() end,
       case when g % 11 = 0 then 1 + g % 3 else 0 end, array[(array['model', 'mua', 'stylist', 'photographer'])[1 + g % 4]],
       case when g % 13 = 0 then '{nude}'::text[] when g % 7 = 0 then '{street}'::text[] else '{}'::text[] end, g % 9 = 0,
       now() - (g / 3) * interval '1 minute'
  from generate_series(1, 300) g
  cross join (values (53.27, -9.05), (52.66, -8.63)) c(lat, lng)
  cross join lateral (select now() + case when g % 17 = 0 then interval '-1 day' else interval '3 days' end as start_time) s;

-- Every page of a search as one list, as p_viewer (null: anon), with the walk limit set to p_walk.
create function pg_temp.paged(p_viewer uuid, p_walk integer, p_lat float8, p_lng float8, p_km float8, p_lf text[], p_ct text[], p_limit integer)
returns uuid[] language plpgsql as $$
declare
  all_ids uuid[] := '{}';
  page uuid[];
  after uuid;
begin
  reset role;
  update private.system_configuration set config_value = to_jsonb(p_walk) where config_key = 'gigs.discovery_walk_limit';
  if p_viewer is null then perform tests.clear_authentication(); else perform tests.authenticate_as(p_viewer); end if;
  loop
    page := array(select d.id from gigs.discover_gigs(p_lat, p_lng, p_km, p_lf, p_ct, p_limit, after) d);
    all_ids := all_ids || page;
    exit when cardinality(page) < p_limit or cardinality(all_ids) > 2000;
    after := page[p_limit];
  end loop;
  reset role;
  return all_ids;
end $$;
-- The whole answer, by a plain query over the table.
create function pg_temp.expected(p_viewer uuid, p_lat float8, p_lng float8, p_km float8, p_lf text[], p_ct text[])
returns uuid[] language sql as $$
  select array(
    select g.id from gigs.gigs g
     cross join (select extensions.st_setsrid(extensions.st_makepoint(p_lng, p_lat), 4326)::extensions.geography as here) h
     left join public.user_content_preferences c on c.user_id = p_viewer
     where g.status = 'published' and g.start_time > now()
       and extensions.st_dwithin(g.location, h.here, p_km * 1000, false)
       and extensions.st_dwithin(g.location, h.here, g.location_radius_km * 1000.0, false)
       and (p_lf is null or g.looking_for_types && p_lf) and (p_ct is null or g.comp_type = any (p_ct))
       and (not g.is_mature or coalesce(c.allow_mature_content and not c.auto_hide_nsfw, false))
       and not (g.tags && coalesce(c.hidden_tags, '{}'))
       and not exists (select 1 from public.blocks b where (b.blocker_id = p_viewer and b.blocked_id = g.owner_user_id)
                                                         or (b.blocked_id = p_viewer and b.blocker_id = g.owner_user_id))
     order by g.boost_level desc, g.created_at desc, g.id desc)
$$;
create temporary table walk_searches (n int, viewer uuid, lat float8, lng float8, km float8, lf text[], ct text[], lim int, expected uuid[]);
insert into walk_searches values
  (1, :'walker', 53.27, -9.05, 25, null, null, 7),
  (2, :'walker', 52.66, -8.63, 40, '{model,mua}', null, 5),
  (3, :'walker', 52.96, -8.84, 100, null, '{tfp,expenses}', 20),
  (4, :'prude', 53.27, -9.05, 25, null, null, 10),
  (5, null, 52.7, -8.6, 25, null, '{paid}', 3),
  (6, :'walker', 53.1, -8.9, 1, null, null, 4);
update walk_searches set expected = pg_temp.expected(viewer, lat, lng, km, lf, ct);
select ok((select bool_and(cardinality(expected) > 2 * lim) from walk_searches where n < 6), 'each search (but the tiny one) has several pages');
select ok((select cardinality(expected) from walk_searches where n = 3) > 60 and (select cardinality(expected) from walk_searches where n = 6) < 4,
          '... up to more than sixty gigs, and the last one fits on one short page');
select ok((select bool_and(exists (select 1 from gigs.gigs g where g.id = any (expected) and g.boost_level > 0)) from walk_searches where n < 6),
          'each search has boosted gigs');
select ok(not exists (select 1 from walk_searches s, gigs.gigs g where g.id = any (s.expected) and s.viewer = :'walker' and g.owner_user_id in (:'w2', :'w3')),
          'the plain query leaves out both blocked owners');
select is(pg_temp.paged(viewer, 1000000, lat, lng, km, lf, ct, lim), expected, format('search %s: the walk pages through the whole answer', n))
  from walk_searches order by n;
select is(pg_temp.paged(viewer, 0, lat, lng, km, lf, ct, lim), expected, format('search %s: collecting from the circle gives the same pages', n))
  from walk_searches order by n;
select is(pg_temp.paged(viewer, 40, lat, lng, km, lf, ct, lim), expected, format('search %s: so does walking a little, then collecting', n))
  from walk_searches order by n;

-- The setting: staff keep it in range; a value set out of range by hand is brought back into it.
select expected[1:7]::text as first_page from walk_searches where n = 1 \gset
select tests.authenticate_as(:'mod');
select throws_ok($$select public.set_config_value('gigs.discovery_walk_limit', '-1')$$, '42501', null, 'a moderator does not tune discovery');
reset role;
insert into public.user_staff_roles (user_id, role) values (:'w4', 'admin');
select tests.authenticate_as(:'w4');
select throws_ok($$select public.set_config_value('gigs.discovery_walk_limit', '-1')$$, '22023', null, 'the walk limit is at least 0');
select throws_ok($$select public.set_config_value('gigs.discovery_walk_limit', '1000001')$$, '22023', null, '... and at most 1,000,000');
select lives_ok($$select public.set_config_value('gigs.discovery_walk_limit', '500')$$, 'staff with config.manage tune it');
select tests.clear_authentication();
select ok(not (public.public_config() ? 'gigs.discovery_walk_limit'), 'clients do not see it');
reset role;
update private.system_configuration set config_value = '-5' where config_key = 'gigs.discovery_walk_limit';
select tests.authenticate_as(:'walker');
select is(array(select d.id from gigs.discover_gigs(53.27, -9.05, 25, null, null, 7) d), :'first_page'::uuid[],
          'a negative limit set by hand collects');
reset role;
update private.system_configuration set config_value = '1e12' where config_key = 'gigs.discovery_walk_limit';
select tests.authenticate_as(:'walker');
select is(array(select d.id from gigs.discover_gigs(53.27, -9.05, 25, null, null, 7) d), :'first_page'::uuid[],
          '... a huge one walks');
reset role;
delete from private.system_configuration where config_key = 'gigs.discovery_walk_limit';
select tests.authenticate_as(:'walker');
select is(array(select d.id from gigs.discover_gigs(53.27, -9.05, 25, null, null, 7) d), :'first_page'::uuid[],
          '... and without the setting discovery takes its default');
reset role;

select * from finish();
rollback;
