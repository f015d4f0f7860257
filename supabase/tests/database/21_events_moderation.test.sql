-- The registries products fill: analytics events with their property schemas, report target types
-- and the moderation actions on them (the core's, tabletop's and the lounge's registrations), the
-- report-evidence folder rule, from both sides.
begin;
select plan(84);

select tests.create_user('rita@example.com') as rita \gset
select tests.create_user('sam@example.com') as sam \gset
select tests.create_user('gm@example.com') as gm \gset
select tests.create_user('mod@example.com') as moderator \gset
insert into public.user_staff_roles (user_id, role) values (:'moderator', 'moderator');

-- Analytics events: registration ------------------------------------------------------------------------------------
select is((select product from audit.analytics_event_types where event_name = 'page_view'), 'core', 'the core registers its own events');
select is((select array_agg(event_name order by event_name) from audit.analytics_event_types where product = 'lounge'),
  array['block_user', 'mute_user', 'profile_open', 'report_user', 'room_join', 'room_leave', 'session_duration', 'voice_active_seconds'],
  'the lounge registers seed 004''s events');
select lives_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description) values ('quiz.scored', 'quiz',
  '{"properties": {"score": {"type": "integer", "min": 0, "max": 100}, "label": {"type": "string", "max_length": 5, "enum": ["easy", "hard"]},
                   "quiz_id": {"type": "uuid"}, "ratio": {"type": "number"}, "final": {"type": "boolean"},
                   "tags": {"type": "array", "max_items": 2, "items": {"type": "string", "max_length": 3}}, "extra": {"type": "object", "max_keys": 1}},
    "required": ["score"]}', 'A quiz was scored')$$, 'a product registers an event with its property schema');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, description) values ('quiz.scored', 'other', 'again')$$,
  '23505', null, 'an event name is registered once');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, description) values ('Quiz Scored!', 'quiz', 'x')$$,
  '23514', null, 'event names are pattern-checked');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, description) values ('quiz.started', 'Quiz!', 'x')$$,
  '23514', null, '... and so are product names');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description)
  values ('quiz.a', 'quiz', '{"properties": {"n": {"type": "decimal"}}}', 'x')$$,
  '22023', 'event "quiz.a": "n" has type "decimal", not one of string, number, integer, boolean, uuid, object, array', 'a schema names known types only');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description)
  values ('quiz.b', 'quiz', '{"properties": {"n": {"type": "boolean", "max_length": 3}}}', 'x')$$,
  '22023', 'event "quiz.b": "n" (boolean) takes no option "max_length"', '... with their own options');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description)
  values ('quiz.c', 'quiz', '{"properties": {"n": {"type": "integer"}}, "required": ["m"]}', 'x')$$,
  '22023', 'event "quiz.c": required "m" is not one of its properties', '... requires only its properties');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description)
  values ('quiz.d', 'quiz', '{"properties": {"s": {"type": "string", "max_length": 100000}}}', 'x')$$,
  '22023', 'event "quiz.d": max_length of "s" must be an integer from 1 to 4096', '... bounds its sizes');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description)
  values ('quiz.e', 'quiz', '{"properties": {"l": {"type": "array", "items": {"type": "array"}}}}', 'x')$$,
  '22023', null, '... has scalar array items');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, property_schema, description)
  values ('quiz.f', 'quiz', '{"properties": {}, "additional": true}', 'x')$$,
  '22023', null, '... and nothing but properties and required');

-- Analytics events: sending ---------------------------------------------------------------------------------------
select tests.authenticate_as(:'rita');
select lives_ok(format($$select public.track_event('quiz.scored', '{"score": 42, "label": "hard", "quiz_id": "%s", "ratio": 0.5, "final": true,
  "tags": ["a", "b"], "extra": {"k": 1}}')$$, :'sam'), 'a user sends a registered event whose properties fit');
select throws_ok($$select public.track_event('quiz.unknown')$$, 'PA001', 'unknown analytics event "quiz.unknown"', 'an unregistered event is refused');
select throws_ok($$select public.track_event('quiz.scored', '{}')$$, '22023', 'event "quiz.scored": property "score" is required',
  'a missing required property is refused');
select throws_ok($$select public.track_event('quiz.scored', '{"score": "42"}')$$, '22023', 'event "quiz.scored": property "score" must be an integer',
  'a property of the wrong type is refused');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 4.5}')$$, '22023', 'event "quiz.scored": property "score" must be an integer',
  '... an integer is whole');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "quiz_id": "not-a-uuid"}')$$, '22023',
  'event "quiz.scored": property "quiz_id" must be a uuid', '... a uuid is a uuid');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "final": "yes"}')$$, '22023',
  'event "quiz.scored": property "final" must be a boolean', '... a boolean a boolean');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "ratio": null}')$$, '22023',
  'event "quiz.scored": property "ratio" must be a number', '... and null is no value');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "cheat": true}')$$, '22023', 'event "quiz.scored": unknown property "cheat"',
  'an unknown property is refused');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 101}')$$, '22023', 'event "quiz.scored": property "score" must be at most 100',
  'a number beyond its bounds is refused');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "label": "medium"}')$$, '22023',
  'event "quiz.scored": property "label" is longer than 5 characters', 'a string too long is refused');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "label": "mid"}')$$, '22023',
  'event "quiz.scored": property "label" must be one of easy, hard', '... and one outside its enum');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "tags": ["a", "b", "c"]}')$$, '22023',
  'event "quiz.scored": property "tags" has more than 2 items', 'an array too long is refused');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "tags": [1]}')$$, '22023',
  'event "quiz.scored": property "tags" has an item that must be a string', '... and items of the wrong type');
select throws_ok($$select public.track_event('quiz.scored', '{"score": 1, "extra": {"a": 1, "b": 2}}')$$, '22023',
  'event "quiz.scored": property "extra" has more than 1 keys', 'an object too big is refused');
select throws_ok(format($$select public.track_event('quiz.scored', '{"score": 1, "extra": {"k": "%s"}}')$$, repeat('x', 5000)), '22023',
  'properties must be a JSON object under 4 kB', 'the whole is under 4 kB');
select lives_ok(format($$select public.track_event('room_join', '{"room_id": "%s", "join_source": "invite"}')$$, gen_random_uuid()),
  'a lounge event with its properties');
select throws_ok(format($$select public.track_event('room_join', '{"room_id": "%s", "join_source": "teleport"}')$$, gen_random_uuid()), '22023', null,
  '... checked against the lounge''s schema');
select throws_ok($$insert into audit.analytics_event_types (event_name, product, description) values ('mine', 'me', 'x')$$, '42501', null,
  'users register no events');
select throws_ok($$select * from audit.analytics_event_types$$, '42501', null, '... and do not read the registry');
reset role;
select is((select properties ->> 'label' from audit.analytics_events where event_name = 'quiz.scored' and user_id = :'rita'), 'hard',
  'the event is stored with its properties');

-- Report targets and moderation actions: registration ----------------------------------------------------------------
create function tests.widget_reportable(p_target_id text) returns boolean language sql set search_path = '' as $$ select p_target_id = 'w1' $$;
create function tests.zap_widget(p_target_id text, p_reason text, p_context jsonb) returns jsonb language sql set search_path = ''
  as $$ select jsonb_build_object('zapped', p_target_id) $$;
create function tests.open_handler(p_target_id text, p_reason text, p_context jsonb) returns jsonb language sql set search_path = '' as $$ select '{}'::jsonb $$;
grant execute on function tests.open_handler(text, text, jsonb) to authenticated;
create table tests.widget_reports (report_id uuid, target_id text);
create function tests.widget_reported(p_report_id uuid, p_target_id text) returns void language sql set search_path = ''
  as $$ insert into tests.widget_reports values (p_report_id, p_target_id) $$;
revoke execute on function tests.widget_reported(uuid, text) from public, anon, authenticated;
create function tests.open_hook(p_report_id uuid, p_target_id text) returns void language sql set search_path = '' as $$ select $$;
grant execute on function tests.open_hook(uuid, text) to authenticated;
select lives_ok($$insert into public.report_target_types (target_type, product, check_function, on_report, description)
  values ('widget', 'widgets', 'tests.widget_reportable(text)', 'tests.widget_reported(uuid, text)', 'A widget')$$,
  'a product registers a report target type, with what filing a report does');
select throws_ok($$insert into public.report_target_types (target_type, product, check_function, on_report, description)
  values ('gadget', 'widgets', 'tests.widget_reportable(text)', 'tests.widget_reportable(text)', 'x')$$, '22023', null,
  'a report hook has the registry''s shape');
select throws_ok($$insert into public.report_target_types (target_type, product, check_function, on_report, description)
  values ('gadget', 'widgets', 'tests.widget_reportable(text)', 'tests.open_hook(uuid, text)', 'x')$$, '22023',
  'the report hook tests.open_hook(uuid,text) must not be executable by anon or authenticated', '... and clients cannot call it');
select lives_ok($$insert into public.moderation_actions (target_type, action, product, handler, description)
  values ('widget', 'zap', 'widgets', 'tests.zap_widget(text, text, jsonb)', 'Zaps it')$$, '... and a moderation action on it');
select throws_ok($$insert into public.report_target_types (target_type, product, check_function, description)
  values ('gadget', 'widgets', 'tests.no_such_function(text)', 'x')$$, '42883', null, 'a check function must exist');
select throws_ok($$insert into public.report_target_types (target_type, product, check_function, description)
  values ('gadget', 'widgets', 'tests.zap_widget(text, text, jsonb)', 'x')$$, '22023', null, '... and have the registry''s shape');
select throws_ok($$insert into public.moderation_actions (target_type, action, product, handler, description)
  values ('widget', 'smash', 'widgets', 'tests.widget_reportable(text)', 'x')$$, '22023', null, 'so must a handler');
select throws_ok($$insert into public.moderation_actions (target_type, action, product, handler, description)
  values ('widget', 'open', 'widgets', 'tests.open_handler(text, text, jsonb)', 'x')$$, '22023',
  'the moderation handler tests.open_handler(text,text,jsonb) must not be executable by anon or authenticated', 'a handler clients could call is refused');
select throws_ok($$insert into public.moderation_actions (target_type, action, product, handler, description)
  values ('widget', 'resolve_report', 'widgets', 'tests.zap_widget(text, text, jsonb)', 'x')$$, '23514', null, 'workflow steps are not actions');
select throws_ok($$insert into public.moderation_actions (target_type, action, product, handler, description)
  values ('gizmo', 'zap', 'widgets', 'tests.zap_widget(text, text, jsonb)', 'x')$$, '23503', null, 'actions belong to a registered target type');
select is((select array_agg(target_type || ':' || action order by target_type, action) from public.moderation_actions where product in ('core', 'tabletop')),
  array['listing:unpublish', 'message:hide_content', 'review:hide_content', 'review:hold', 'review:release', 'user:lift', 'user:suspend', 'user:warn'],
  'the core and tabletop register their actions');

-- The registries from both sides
select tests.authenticate_as(:'rita');
select ok((select array_agg(target_type) from public.report_target_types) @> array['user', 'message', 'conversation', 'review', 'listing', 'widget'],
  'users read the report target types (for a report form)');
select throws_ok($$select check_function from public.report_target_types$$, '42501', null, '... but not their functions');
select is((select count(*) from public.moderation_actions)::int, 0, 'users do not read the moderation actions');
select throws_ok($$insert into public.report_target_types (target_type, product, check_function, description)
  values ('mine', 'me', 'private.reportable_user(text)', 'x')$$, '42501', null, '... nor register anything');
select tests.clear_authentication();
select throws_ok($$select target_type from public.report_target_types$$, '42501', null, 'anon reads no registry');
select tests.authenticate_as(:'moderator');
select ok((select count(*) from public.moderation_actions where target_type = 'review') = 3, 'moderators read the moderation actions');

-- Reporting ------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'rita');
select throws_ok($$insert into public.reports (target_type, target_id, reason) values ('gizmo', 'g1', 'spam')$$, 'PA001',
  'unknown report target type "gizmo"', 'reporting an unregistered target type is refused');
select throws_ok($$insert into public.reports (target_type, target_id, reason) values ('widget', 'w2', 'spam')$$, 'PA001',
  'no reportable widget "w2"', 'the type''s check function decides what is reportable');
select lives_ok($$insert into public.reports (target_type, target_id, reason) values ('widget', 'w1', 'spam')$$, 'a registered target is reported');
reset role;
select is((select array_agg(r.id::text || ':' || w.target_id) from tests.widget_reports w join public.reports r on r.id = w.report_id),
  (select array_agg(id::text || ':w1') from public.reports where target_type = 'widget'), 'the type''s hook ran once, for the filed report only');
select tests.authenticate_as(:'rita');
select throws_ok($$insert into public.reports (target_type, target_id, reason) values ('user', auth.uid()::text, 'spam')$$, 'PA001', null,
  'nobody reports themselves');
select throws_ok($$insert into public.reports (target_type, target_id, reason) values ('user', 'not-a-uuid', 'spam')$$, 'PA001', null,
  '... nor a user id that is not one');

select tests.authenticate_as(:'gm');
select public.create_conversation('group', array[:'sam']::uuid[], 'Private') as private_chat \gset
insert into public.messages (conversation_id, content) values (:'private_chat', 'between us') returning id as private_message \gset
select tests.authenticate_as(:'rita');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason) values ('message', %L, 'spam')$$, :'private_message'), 'PA001', null,
  'nobody reports a message they cannot read');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason) values ('conversation', %L, 'spam')$$, :'private_chat'), 'PA001', null,
  '... nor a conversation they are not in');
select tests.authenticate_as(:'sam');
select lives_ok(format($$insert into public.reports (target_type, target_id, reason) values ('message', %L, 'spam')$$, :'private_message'),
  'its participants do');
select tests.authenticate_as(:'rita');

-- Evidence: the reporter's own folder, at most 10 files
select lives_ok(format($$insert into public.reports (target_type, target_id, reason, evidence_paths) values ('user', %L, 'harassment', array['%s/shot.png'])$$,
  :'sam', :'rita'), 'evidence in the reporter''s own folder is accepted');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason, evidence_paths) values ('user', %L, 'spam', array['%s/shot.png'])$$,
  :'gm', :'sam'), '23514', null, 'evidence in someone else''s folder is refused');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason, evidence_paths) values ('user', %L, 'spam', array['%s/../%s/shot.png'])$$,
  :'gm', :'rita', :'sam'), '23514', null, '... also through ".."');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason, evidence_paths) values ('user', %L, 'spam', array['%s/a.png', '%s'])$$,
  :'gm', :'rita', :'rita'), '23514', null, '... and every path counts');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason, evidence_paths) values ('user', %L, 'spam', array_fill('%s/a.png'::text, array[11]))$$,
  :'gm', :'rita'), '23514', null, 'at most 10 evidence files');

-- Moderating through the registry ---------------------------------------------------------------------------------------
select tests.authenticate_as(:'moderator');
select lives_ok($$select public.moderate('zap', 'widget', 'w1', 'broken')$$, 'a moderator runs a product''s registered action');
select is((select details from audit.moderation_log where target_type = 'widget'), '{"zapped": "w1"}'::jsonb, '... and it is logged with what the handler returned');
select throws_ok(format($$select public.moderate('hide_content', 'user', %L, 'x')$$, :'sam'), 'PA001',
  'moderation action "hide_content" is not registered for target type "user"', 'an action not registered for the target''s type is refused');
select throws_ok($$select public.moderate('zap', 'gizmo', 'g1', 'x')$$, 'PA001', 'unknown report target type "gizmo"', '... and an unregistered target type');
select tests.authenticate_as(:'rita');
select throws_ok($$select public.moderate('zap', 'widget', 'w1', 'x')$$, '42501', null, 'an ordinary user cannot moderate');

-- Tabletop: reviews and listings --------------------------------------------------------------------------------------------
reset role;
insert into tabletop.gm_profiles (user_id, is_listed) values (:'gm', true) returning id as gm_profile \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, listing_type, session_length_minutes, status, published_at)
values (:'gm_profile', 'Wyrm', 'A dragon', 'D&D 5e', 'one_shot', 240, 'published', now()) returning id as listing \gset
insert into tabletop.game_listings (gm_id, title, description, game_system, listing_type, session_length_minutes)
values (:'gm_profile', 'Draft', 'Not yet', 'D&D 5e', 'one_shot', 240) returning id as draft \gset
insert into tabletop.bookings (listing_id, player_id, amount_cents, platform_fee_cents, processing_fee_cents, gm_payout_cents, currency, status)
values (:'listing', :'rita', 0, 0, 0, 0, 'USD', 'completed'), (:'listing', :'sam', 0, 0, 0, 0, 'USD', 'completed');
insert into tabletop.reviews (booking_id, reviewer_id, gm_id, rating)
select b.id, b.player_id, :'gm_profile', case when b.player_id = :'rita'::uuid then 5 else 1 end from tabletop.bookings b where b.listing_id = :'listing';
select id as bad_review from tabletop.reviews where rating = 1 \gset
select is((select average_rating || ' ' || total_reviews from tabletop.gm_profiles where id = :'gm_profile'), '3.00 2', 'the GM''s averages count both reviews');

select tests.authenticate_as(:'rita');
select lives_ok(format($$insert into public.reports (target_type, target_id, reason) values ('review', %L, 'hate')$$, :'bad_review'), 'a user reports a review');
select lives_ok(format($$insert into public.reports (target_type, target_id, reason) values ('listing', %L, 'fraud')$$, :'listing'), '... and a published listing');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason) values ('listing', %L, 'fraud')$$, :'draft'), 'PA001', null,
  '... not a draft nobody sees');
select throws_ok(format($$select public.moderate('hide_content', 'review', %L, 'hate')$$, :'bad_review'), '42501', null, 'an ordinary user hides no review');
select tests.authenticate_as(:'moderator');
select lives_ok(format($$select public.moderate('hide_content', 'review', %L, 'hate', (select id from public.reports where target_id = %L))$$,
  :'bad_review', :'bad_review'), 'a moderator hides the review through public.moderate');
select is((select is_removed::text || ' ' || removed_reason from tabletop.reviews where id = :'bad_review'), 'true hate', '... tabletop removes it');
select is((select average_rating || ' ' || total_reviews from tabletop.gm_profiles where id = :'gm_profile'), '5.00 1', '... and the GM''s averages drop it');
select is((select details from audit.moderation_log where target_type = 'review' and action = 'hide_content'), '{"held": false, "removed": true}'::jsonb,
  '... logged with the report');
select throws_ok(format($$select public.moderate('suspend', 'review', %L, 'x')$$, :'bad_review'), 'PA001', null, 'a user action is not a review''s');
select lives_ok(format($$select public.moderate('release', 'review', %L, 'appeal upheld')$$, :'bad_review'), 'a moderator releases it');
select is((select total_reviews from tabletop.gm_profiles where id = :'gm_profile'), 2, '... and it counts again');
select lives_ok(format($$select public.moderate('unpublish', 'listing', %L, 'fraud')$$, :'listing'), 'a moderator unpublishes a listing');
select throws_ok(format($$select public.moderate('unpublish', 'listing', %L, 'again')$$, :'listing'), 'PA115', null, '... once');
select tests.clear_authentication();
select is((select count(*) from tabletop.game_listings where id = :'listing')::int, 0, 'the public no longer sees it');

select * from finish();
rollback;
