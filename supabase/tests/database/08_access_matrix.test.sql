-- The remaining sides of the identity tables' policies: anon is refused everywhere but public
-- groups, service_role reads everything, and group permissions and invitations stay with the group.
begin;
select plan(22);

select tests.create_user('owner@example.com') as owner \gset
select tests.create_user('bob@example.com') as bob \gset
select tests.create_user('carol@example.com') as carol \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');

select tests.authenticate_as(:'owner');
select (public.create_group('Table', 'matrix-table')).id as grp \gset
select public.get_group_invite_code(:'grp') as code \gset
select * from public.invite_to_group(:'grp', 'someone@example.com');
select tests.authenticate_as(:'bob');
select public.join_group_by_code(:'code');
select tests.authenticate_as(:'owner');
select public.set_group_permission(:'grp', :'bob', 'manage_journals', true);

-- anon
select tests.clear_authentication();
select throws_ok(format('select * from %s', t), '42501', null, format('anon cannot read %s', t))
  from unnest(array['public.staff_roles', 'public.user_staff_roles', 'public.organization_members',
                    'public.group_permissions', 'public.invitations', 'audit.audit_log']) t;
select throws_ok($$select public.join_group_by_code('x')$$, '42501', null, 'anon cannot call membership RPCs');

-- group permissions and invitations stay with the group
select tests.authenticate_as(:'bob');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 1, 'a member reads the group''s permissions');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 0, 'a player does not read the group''s invitations');
select tests.authenticate_as(:'carol');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 0, 'a non-member reads no permissions');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 0, '... and no invitations');
select throws_ok(format($$insert into public.group_permissions (group_id, user_id, permission) values (%L, %L, 'manage_members')$$, :'grp', :'carol'),
  '42501', null, 'nobody inserts permissions directly');
select throws_ok(format($$insert into public.group_members (group_id, user_id) values (%L, %L)$$, :'grp', :'carol'),
  '42501', null, 'nobody inserts memberships directly');
select tests.authenticate_as(:'owner');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 1, 'the owner reads the group''s invitations');
select tests.authenticate_as(:'support');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 1, 'staff with users.read_all read invitations');

-- service_role reads everything
select tests.authenticate_as_service_role();
select ok((select count(*) from public.profiles) >= 4, 'service_role reads profiles');
select is((select count(*) from public.staff_roles where product = 'core')::int, 4, 'service_role reads the role catalog');
select ok((select count(*) from public.user_staff_roles) >= 1, 'service_role reads role holders');
select is((select count(*) from public.group_permissions where group_id = :'grp')::int, 1, 'service_role reads group permissions');
select is((select count(*) from public.invitations where group_id = :'grp')::int, 1, 'service_role reads invitations');

-- The access matrix of grants, exactly: what clients may call and which columns they may write.
-- A function granted to clients or a column grant widened by accident changes these lists; a new
-- RPC or writable column is added here on purpose, with its tests. (information_schema shows only
-- what the current role takes part in: read as the owner.)
reset role;
select is(
  array(select p.oid::regprocedure::text || ': ' || concat_ws(' ', case when has_function_privilege('anon', p.oid, 'execute') then 'anon' end,
                                                                  case when has_function_privilege('authenticated', p.oid, 'execute') then 'authenticated' end)
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge') and p.prokind = 'f'
           and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
           and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
         order by 1),
  array[
    'accept_invitation(text): authenticated',
    'assign_report(uuid,uuid): authenticated',
    'billing.my_balances(): authenticated',
    'billing.my_plan(text,uuid): authenticated',
    'billing.my_statement(uuid,bigint,integer): authenticated',
    'billing.prepare_checkout(text,text,bigint,text,uuid,text): authenticated',
    'billing.provider_balance_status(): authenticated',
    'billing.set_pool_spend_roles(uuid,org_role[]): authenticated',
    'billing.spend_credits(text,text,text,uuid): authenticated',
    'billing.spend_item(text,text,text,text,uuid): authenticated',
    'change_group_member_role(uuid,uuid,group_role): authenticated',
    'change_organization_member_role(uuid,uuid,org_role): authenticated',
    'config_entries(): authenticated',
    'create_conversation(text,uuid[],text,integer,boolean): authenticated',
    'create_group(text,text,uuid,boolean,integer,text): authenticated',
    'create_organization(text,text,text): authenticated',
    'decide_verification(uuid,boolean,text,timestamp with time zone): authenticated',
    'delete_my_account(): authenticated',
    'end_call(uuid): authenticated',
    'generate_mfa_recovery_codes(): authenticated',
    'get_group_invite_code(uuid): authenticated',
    'get_user_credits(uuid): authenticated',
    'grant_staff_role(uuid,text): authenticated',
    'heartbeat_seat(uuid): authenticated',
    'invite_to_group(uuid,text,uuid,group_role): authenticated',
    'invite_to_organization(uuid,text,uuid,org_role): authenticated',
    'join_group_by_code(text): authenticated',
    'join_seat(text,uuid): authenticated',
    'leave_conversation(uuid): authenticated',
    'leave_group(uuid): authenticated',
    'leave_organization(uuid): authenticated',
    'leave_seat(uuid): authenticated',
    'lift_suspension(uuid): authenticated',
    'lounge.buy_item(uuid,text,text): authenticated',
    'lounge.consume_item(uuid): authenticated',
    'lounge.create_room(text,text,text,boolean,integer): authenticated',
    'lounge.friends_online(): authenticated',
    'lounge.heartbeat(): authenticated',
    'lounge.invite_to_room(uuid,uuid): authenticated',
    'lounge.join_room(uuid): authenticated',
    'lounge.leave_room(): authenticated',
    'lounge.matchmake(text,text,text[]): authenticated',
    'lounge.profile_card(uuid): authenticated',
    'lounge.remove_member(uuid,uuid): authenticated',
    'lounge.report_user(uuid,uuid,text,text,text[]): authenticated',
    'lounge.set_display_name(text): authenticated',
    'mark_conversation_read(uuid,bigint): authenticated',
    'mark_notifications_read(bigint): authenticated',
    'mfa_recovery_codes_remaining(): authenticated',
    'moderate(text,text,text,text,uuid,timestamp with time zone): authenticated',
    'my_conversations(integer,timestamp with time zone): authenticated',
    'my_verifications(): authenticated',
    'public_config(): anon authenticated',
    'redeem_mfa_recovery_code(text): authenticated',
    'regenerate_group_invite_code(uuid): authenticated',
    'remove_friendship(uuid): authenticated',
    'remove_group_member(uuid,uuid): authenticated',
    'remove_organization_member(uuid,uuid): authenticated',
    'request_friendship(uuid): authenticated',
    'resolve_report(uuid,text,text): authenticated',
    'respond_friendship(uuid,boolean): authenticated',
    'revoke_invitation(uuid): authenticated',
    'revoke_staff_role(uuid,text): authenticated',
    'revoke_verification(uuid,text): authenticated',
    'set_config_value(text,jsonb): authenticated',
    'set_group_permission(uuid,uuid,text,boolean): authenticated',
    'start_call(uuid): authenticated',
    'start_direct_conversation(uuid): authenticated',
    'studio.my_credentials(): authenticated',
    'studio.run_app(uuid,text,uuid): authenticated',
    'studio.run_tool(uuid,jsonb,text,uuid): authenticated',
    'suspend_user(uuid,text,timestamp with time zone): authenticated',
    'tabletop.book_seat(uuid): authenticated',
    'tabletop.cancel_booking(uuid,text): authenticated',
    'tabletop.complete_booking(uuid): authenticated',
    'tabletop.create_overlay(uuid,text,text,uuid,jsonb): authenticated',
    'tabletop.moderate_review(uuid,boolean,boolean,text): authenticated',
    'tabletop.open_campaign_channel(uuid,text,text): authenticated',
    'tabletop.open_dispute(uuid,text,text): authenticated',
    'tabletop.overlay_by_token(text): anon authenticated',
    'tabletop.price_split(bigint): anon authenticated',
    'tabletop.publish_listing(uuid): authenticated',
    'tabletop.resolve_dispute(uuid,text,bigint,text): authenticated',
    'tabletop.respond_to_dispute(uuid,text): authenticated',
    'tabletop.review_booking(uuid,integer,integer,integer,integer,text,boolean): authenticated',
    'track_event(text,jsonb,text,timestamp with time zone): authenticated',
    'transfer_group_ownership(uuid,uuid): authenticated',
    'transfer_organization_ownership(uuid,uuid): authenticated',
    'user_verifications(uuid): authenticated'],
  'the RPCs anon and authenticated may call are exactly these');

select is(
  array(select format('%s.%s %s %s: %s', c.table_schema, c.table_name, lower(c.privilege_type), c.grantee, string_agg(c.column_name, ',' order by c.column_name))
          from information_schema.column_privileges c
         where c.table_schema in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
           and c.grantee in ('anon', 'authenticated') and c.privilege_type in ('INSERT', 'UPDATE')
         group by c.table_schema, c.table_name, c.privilege_type, c.grantee order by 1),
  array[
    'gigs.source_images insert authenticated: created_at,height,id,mime_type,storage_path,user_id,width',
    'lounge.profiles update authenticated: avatar_config,avatar_id,bio,interests,privacy_level',
    'public.blocks insert authenticated: blocked_id,blocker_id,created_at',
    'public.conversation_participants update authenticated: muted',
    'public.conversations update authenticated: title',
    'public.group_members update authenticated: nickname,notify_chat_mentions,notify_session_reminders',
    'public.groups update authenticated: description,is_public,name,settings',
    'public.messages insert authenticated: attachments,content,conversation_id,reply_to_id,roll_data,type,whisper_to',
    'public.messages update authenticated: content,deleted_at',
    'public.notifications update authenticated: read_at',
    'public.organizations update authenticated: description,logo_url,name,settings,website_url',
    'public.private_profiles update authenticated: preferences',
    'public.profiles update authenticated: avatar_url,bio,display_name,locale,timezone',
    'public.reports insert authenticated: context_id,context_type,description,evidence_paths,reason,target_id,target_type',
    'public.user_content_preferences insert authenticated: allow_mature_content,blocked_categories,hidden_tags,preferred_languages,updated_at,user_id',
    'public.user_content_preferences update authenticated: allow_mature_content,blocked_categories,hidden_tags,preferred_languages,updated_at,user_id',
    'public.user_image_type_library insert authenticated: created_at,description,id,name,settings,user_id',
    'public.user_image_type_library update authenticated: created_at,description,id,name,settings,user_id',
    'public.verification_requests insert authenticated: document_paths,kind',
    'studio.javari_conversations insert authenticated: created_at,credits_used,id,messages,model,project_id,provider,response,tokens_used,updated_at,user_id',
    'studio.javari_conversations update authenticated: project_id',
    'studio.javari_projects insert authenticated: created_at,description,id,metadata,name,parent_project_id,status,updated_at,user_id',
    'studio.javari_projects update authenticated: description,metadata,name,parent_project_id,status',
    'tabletop.campaigns insert authenticated: completed_at,description,game_system,group_id,name,settings,started_at,status,world_data',
    'tabletop.campaigns update authenticated: completed_at,description,game_system,name,settings,started_at,status,world_data',
    'tabletop.characters insert authenticated: campaign_id,created_at,game_data,id,name,owner_id,updated_at',
    'tabletop.characters update authenticated: game_data,name',
    'tabletop.game_listings insert authenticated: beginner_friendly,content_warnings,currency,description,experience_level,game_system,gm_id,listing_type,max_players,min_players,price_per_seat_cents,recurring_schedule,scheduled_start,session_length_minutes,stream_channel_url,stream_enabled,stream_platform,tags,thumbnail_url,title',
    'tabletop.game_listings update authenticated: beginner_friendly,content_warnings,currency,description,experience_level,game_system,listing_type,max_players,min_players,price_per_seat_cents,recurring_schedule,scheduled_start,session_length_minutes,stream_channel_url,stream_enabled,stream_platform,tags,thumbnail_url,title',
    'tabletop.gm_profiles insert authenticated: availability,bio,experience_years,headline,is_listed,languages,max_players,min_players,session_length_minutes,systems_played,timezone,user_id',
    'tabletop.gm_profiles update authenticated: availability,bio,experience_years,headline,is_listed,languages,max_players,min_players,session_length_minutes,systems_played,timezone',
    'tabletop.journals insert authenticated: author_id,campaign_id,category,content,content_format,created_at,id,parent_id,pinned,sort_order,tags,title,updated_at,visibility',
    'tabletop.journals update authenticated: category,content,content_format,parent_id,pinned,sort_order,tags,title,visibility',
    'tabletop.reviews update authenticated: gm_response',
    'tabletop.scenes insert authenticated: campaign_id,created_at,description,id,is_active,name,scene_data,sort_order,updated_at',
    'tabletop.scenes update authenticated: description,is_active,name,scene_data,sort_order',
    'tabletop.stream_overlays update authenticated: background_color,config,custom_css,custom_html,is_active,name,template_id,transparent',
    'tabletop.stream_view_configs insert authenticated: camera_mode,camera_padding,camera_smoothing,campaign_id,created_at,custom_watermark_url,id,quality_level,show_chat_bubbles,show_dice_rolls,show_initiative_tracker,show_turn_indicator,show_watermark,target_fps,updated_at,watermark_position',
    'tabletop.stream_view_configs update authenticated: camera_mode,camera_padding,camera_smoothing,custom_watermark_url,quality_level,show_chat_bubbles,show_dice_rolls,show_initiative_tracker,show_turn_indicator,show_watermark,target_fps,watermark_position'],
  'the columns anon and authenticated may insert or update are exactly these');

select * from finish();
rollback;
