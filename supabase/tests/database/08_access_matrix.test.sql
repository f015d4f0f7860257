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
    'gigs.apply(uuid,text): authenticated',
    'gigs.boost_gig(uuid,integer,text): authenticated',
    'gigs.cancel_gig(uuid): authenticated',
    'gigs.close_gig(uuid): authenticated',
    'gigs.complete_gig(uuid): authenticated',
    'gigs.create_showcase(uuid,uuid,uuid[],text,text[],text[]): authenticated',
    'gigs.discover_gigs(double precision,double precision,double precision,text[],text[],integer,uuid): anon authenticated',
    'gigs.gig_conversation(uuid): authenticated',
    'gigs.leave_review(uuid,uuid,integer,text[],text,boolean): authenticated',
    'gigs.publish_gig(uuid): authenticated',
    'gigs.record_showcase_view(uuid): anon authenticated',
    'gigs.review_application(uuid,text): authenticated',
    'gigs.set_showcase_approval(uuid,boolean): authenticated',
    'gigs.showcase_stats(uuid): anon authenticated',
    'gigs.verification_badge(text): anon authenticated',
    'gigs.withdraw_application(uuid): authenticated',
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
    'lounge.rooms(lounge.room_memberships): authenticated',
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
    'studio.assign_bot_ticket(uuid,uuid): authenticated',
    'studio.create_support_group(text,text,boolean,integer,text): authenticated',
    'studio.enter_space(uuid,uuid): authenticated',
    'studio.exit_space(uuid): authenticated',
    'studio.finish_game(uuid,bigint): authenticated',
    'studio.game_leaderboard(uuid,integer,integer): anon authenticated',
    'studio.game_rank(uuid,uuid): anon authenticated',
    'studio.join_support_group(uuid,text): authenticated',
    'studio.leave_support_group(uuid): authenticated',
    'studio.my_credentials(): authenticated',
    'studio.my_profile(): authenticated',
    'studio.open_space_channel(uuid): authenticated',
    'studio.open_support_group_chat(uuid): authenticated',
    'studio.remove_support_group_member(uuid,uuid): authenticated',
    'studio.resolve_bot_finding(uuid,text,text): authenticated',
    'studio.run_app(uuid,text,uuid): authenticated',
    'studio.run_bot_now(uuid): authenticated',
    'studio.run_tool(uuid,jsonb,text,uuid): authenticated',
    'studio.set_bot_ticket_status(uuid,text,text): authenticated',
    'studio.set_support_group_role(uuid,uuid,text): authenticated',
    'studio.start_game(uuid,text,uuid): authenticated',
    'studio.support_group_invite_code(uuid): authenticated',
    'suspend_user(uuid,text,timestamp with time zone): authenticated',
    'tabletop.book_seat(uuid): authenticated',
    'tabletop.cancel_booking(uuid,text): authenticated',
    'tabletop.cancel_listing(uuid,text): authenticated',
    'tabletop.complete_booking(uuid): authenticated',
    'tabletop.complete_listing(uuid): authenticated',
    'tabletop.create_overlay(uuid,text,text,uuid,jsonb): authenticated',
    'tabletop.delete_content(text,uuid): authenticated',
    'tabletop.end_stream(uuid): authenticated',
    'tabletop.moderate_review(uuid,boolean,boolean,text): authenticated',
    'tabletop.open_campaign_channel(uuid,text,text): authenticated',
    'tabletop.open_dispute(uuid,text,text): authenticated',
    'tabletop.open_whisper(uuid,uuid[],text): authenticated',
    'tabletop.overlay_by_token(text): anon authenticated',
    'tabletop.price_split(bigint): anon authenticated',
    'tabletop.publish_listing(uuid): authenticated',
    'tabletop.remove_campaign_message(bigint): authenticated',
    'tabletop.resolve_dispute(uuid,text,bigint,text): authenticated',
    'tabletop.respond_to_dispute(uuid,text): authenticated',
    'tabletop.restore_content(text,uuid): authenticated',
    'tabletop.review_booking(uuid,integer,integer,integer,integer,text,boolean): authenticated',
    'tabletop.start_stream(uuid,text,text,boolean): authenticated',
    'tabletop.unpublish_listing(uuid): authenticated',
    'tarot.answer_call(uuid): authenticated',
    'tarot.cancel_reading(uuid): authenticated',
    'tarot.complete_reading(uuid): authenticated',
    'tarot.end_call(uuid,boolean,text): authenticated',
    'tarot.open_reading_room(uuid): authenticated',
    'tarot.rate_call(uuid,integer,jsonb,text,jsonb): authenticated',
    'tarot.rate_reading(uuid,integer,text): authenticated',
    'tarot.reading_tick(uuid): authenticated',
    'tarot.request_reading(uuid,uuid,text,text,text): authenticated',
    'tarot.ring_call(uuid): authenticated',
    'tarot.settle_complaint(uuid,bigint,text,uuid): authenticated',
    'tarot.start_call(uuid,text): authenticated',
    'tarot.start_reading(uuid): authenticated',
    'track_event(text,jsonb,text,timestamp with time zone): authenticated',
    'transfer_group_ownership(uuid,uuid): authenticated',
    'transfer_organization_ownership(uuid,uuid): authenticated',
    'unread_notification_count(integer): authenticated',
    'user_verifications(uuid): authenticated'],
  'the RPCs anon and authenticated may call are exactly these');

select is(
  array(select format('%s.%s %s %s: %s', c.table_schema, c.table_name, lower(c.privilege_type), c.grantee, string_agg(c.column_name, ',' order by c.column_name))
          from information_schema.column_privileges c
         where c.table_schema in ('public', 'billing', 'tabletop', 'tarot', 'studio', 'gigs', 'lounge', 'private', 'audit')
           and c.grantee in ('anon', 'authenticated') and c.privilege_type in ('INSERT', 'UPDATE')
         group by c.table_schema, c.table_name, c.privilege_type, c.grantee order by 1),
  array[
    'gigs.gigs insert authenticated: applicant_preferences,application_deadline,comp_amount,comp_currency,comp_type,description,end_time,is_mature,location_lat,location_lng,location_radius_km,location_text,looking_for_types,max_applicants,moodboard_id,safety_notes,start_time,tags,title,usage_rights',
    'gigs.gigs update authenticated: applicant_preferences,application_deadline,comp_amount,comp_currency,comp_type,description,end_time,is_mature,location_lat,location_lng,location_radius_km,location_text,looking_for_types,max_applicants,moodboard_id,safety_notes,start_time,tags,title,usage_rights',
    'gigs.media insert authenticated: blurhash,duration_seconds,file_size,gig_id,height,mime_type,original_filename,palette,path,type,visibility,width',
    'gigs.media update authenticated: blurhash,gig_id,original_filename,palette,visibility',
    'gigs.media_exif insert authenticated: exif,media_id',
    'gigs.moodboards insert authenticated: description,gig_id,is_public,items,palette,title',
    'gigs.moodboards update authenticated: description,gig_id,is_public,items,palette,title',
    'gigs.profiles insert authenticated: city,country,equipment,experience_years,handle,looking_for_types,portfolio_urls,role,social_links,style_tags,user_id',
    'gigs.profiles update authenticated: city,country,equipment,experience_years,handle,looking_for_types,portfolio_urls,role,social_links,style_tags',
    'gigs.showcase_likes insert authenticated: showcase_id',
    'gigs.source_images insert authenticated: created_at,height,id,mime_type,storage_path,user_id,width',
    'lounge.profiles update authenticated: avatar_config,avatar_id,bio,interests,privacy_level',
    'public.blocks insert authenticated: blocked_id,blocker_id,created_at',
    'public.conversation_participants update authenticated: archived,muted',
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
    'public.user_content_preferences insert authenticated: allow_mature_content,auto_hide_nsfw,blocked_categories,content_filter_level,hidden_tags,preferred_languages,show_nsfw_warnings,updated_at,user_id',
    'public.user_content_preferences update authenticated: allow_mature_content,auto_hide_nsfw,blocked_categories,content_filter_level,hidden_tags,preferred_languages,show_nsfw_warnings,updated_at,user_id',
    'public.user_image_type_library insert authenticated: created_at,description,id,name,settings,user_id',
    'public.user_image_type_library update authenticated: created_at,description,id,name,settings,user_id',
    'public.verification_requests insert authenticated: document_paths,kind',
    'studio.avatars insert authenticated: appearance,is_active,name',
    'studio.avatars update authenticated: appearance,is_active,name',
    'studio.bot_knowledge insert authenticated: category,issue_pattern,solution',
    'studio.bot_knowledge update authenticated: category,issue_pattern,solution',
    'studio.bots insert authenticated: api_endpoint,description,display_name,http_method,name,schedule_cron,status,timeout_seconds',
    'studio.bots update authenticated: api_endpoint,description,display_name,http_method,schedule_cron,status,timeout_seconds',
    'studio.first_responders insert authenticated: agency,role',
    'studio.first_responders update authenticated: agency,role',
    'studio.javari_conversations insert authenticated: created_at,credits_used,id,messages,model,project_id,provider,response,tokens_used,updated_at,user_id',
    'studio.javari_conversations update authenticated: project_id',
    'studio.javari_projects insert authenticated: created_at,description,id,metadata,name,parent_project_id,status,updated_at,user_id',
    'studio.javari_projects update authenticated: description,metadata,name,parent_project_id,status',
    'studio.support_groups update authenticated: description,is_private,max_members,name',
    'studio.virtual_spaces insert authenticated: capacity,coordinates,is_public,metadata,name,type',
    'studio.virtual_spaces update authenticated: capacity,coordinates,is_public,metadata,name,type',
    'tabletop.campaigns insert authenticated: completed_at,description,game_system,group_id,name,settings,started_at,status,world_data',
    'tabletop.campaigns update authenticated: completed_at,description,game_system,name,settings,started_at,status,world_data',
    'tabletop.characters insert authenticated: campaign_id,created_at,game_data,id,name,owner_id,updated_at',
    'tabletop.characters update authenticated: game_data,name',
    'tabletop.game_listings insert authenticated: beginner_friendly,content_warnings,currency,description,experience_level,game_system,gm_id,group_id,listing_type,max_players,min_players,price_per_seat_cents,recurring_schedule,scheduled_start,session_length_minutes,stream_channel_url,stream_enabled,stream_platform,tags,thumbnail_url,title',
    'tabletop.game_listings update authenticated: beginner_friendly,content_warnings,currency,description,experience_level,game_system,group_id,listing_type,max_players,min_players,price_per_seat_cents,recurring_schedule,scheduled_start,session_length_minutes,stream_channel_url,stream_enabled,stream_platform,tags,thumbnail_url,title',
    'tabletop.gm_profiles insert authenticated: availability,bio,experience_years,headline,is_listed,languages,max_players,min_players,session_length_minutes,systems_played,timezone,user_id',
    'tabletop.gm_profiles update authenticated: availability,bio,experience_years,headline,is_listed,languages,max_players,min_players,session_length_minutes,systems_played,timezone',
    'tabletop.journals insert authenticated: author_id,campaign_id,category,content,content_format,created_at,id,parent_id,pinned,sort_order,tags,title,updated_at,visibility',
    'tabletop.journals update authenticated: category,content,content_format,parent_id,pinned,sort_order,tags,title,visibility',
    'tabletop.reviews update authenticated: gm_response',
    'tabletop.scenes insert authenticated: campaign_id,created_at,description,id,is_active,name,scene_data,sort_order,updated_at',
    'tabletop.scenes update authenticated: description,is_active,name,scene_data,sort_order',
    'tabletop.stream_overlays update authenticated: background_color,config,custom_css,custom_html,is_active,name,template_id,transparent',
    'tabletop.stream_view_configs insert authenticated: camera_mode,camera_padding,camera_smoothing,campaign_id,created_at,custom_watermark_url,id,quality_level,show_chat_bubbles,show_dice_rolls,show_initiative_tracker,show_turn_indicator,show_watermark,target_fps,updated_at,watermark_position',
    'tabletop.stream_view_configs update authenticated: camera_mode,camera_padding,camera_smoothing,custom_watermark_url,quality_level,show_chat_bubbles,show_dice_rolls,show_initiative_tracker,show_turn_indicator,show_watermark,target_fps,watermark_position',
    'tarot.client_profiles insert authenticated: birth_chart_data,date_of_birth',
    'tarot.client_profiles update authenticated: birth_chart_data,date_of_birth',
    'tarot.preferred_readers insert authenticated: reader_id',
    'tarot.reader_profiles insert authenticated: availability_schedule,certifications,currency,experience_years,is_available_now,is_listed,languages,rate_amount,rate_type,specializations',
    'tarot.reader_profiles update authenticated: availability_schedule,certifications,currency,experience_years,is_available_now,is_listed,languages,rate_amount,rate_type,specializations',
    'tarot.reading_sessions update authenticated: reader_interpretation,reader_notes',
    'tarot.tarot_spreads insert authenticated: card_count,category,description,difficulty_level,is_public,layout_data,name',
    'tarot.tarot_spreads update authenticated: card_count,category,description,difficulty_level,is_public,layout_data,name'],
  'the columns anon and authenticated may insert or update are exactly these');

select * from finish();
rollback;
