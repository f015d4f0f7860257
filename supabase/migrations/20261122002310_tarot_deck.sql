-- Tarot (seed 001): the deck and the spreads. The 78 cards are reference data seeded here (anyone
-- reads them, anon included; nobody but migrations writes them). Spreads are layouts of positions
-- with labels and coordinates: presets seeded here for everyone, custom ones written by their
-- creator (public ones are read by all).

create table tarot.tarot_cards (
  id uuid primary key default gen_random_uuid(),
  card_key text not null unique check (card_key ~ '^[a-z0-9-]{2,60}$'),
  name text not null check (char_length(name) between 2 and 100),
  arcana_type text not null check (arcana_type in ('major', 'minor')),
  suit text check (suit in ('wands', 'cups', 'swords', 'pentacles')),
  number integer not null,
  -- The seed's image_url, as a path under the clients' card-art base (the art ships with the apps).
  image_path text not null check (image_path ~ '^cards/[a-z0-9-]{2,60}\.webp$'),
  description text check (char_length(description) <= 2000),
  upright_meaning text not null check (char_length(upright_meaning) <= 2000),
  reversed_meaning text not null check (char_length(reversed_meaning) <= 2000),
  upright_keywords text[] not null default '{}' check (cardinality(upright_keywords) <= 20),
  reversed_keywords text[] not null default '{}' check (cardinality(reversed_keywords) <= 20),
  love_upright text, love_reversed text,
  career_upright text, career_reversed text,
  finance_upright text, finance_reversed text,
  health_upright text, health_reversed text,
  spiritual_upright text, spiritual_reversed text,
  element text not null check (element in ('fire', 'water', 'air', 'earth')),
  planet text check (char_length(planet) <= 50),
  zodiac_sign text check (char_length(zodiac_sign) <= 50),
  hebrew_letter text check (char_length(hebrew_letter) <= 10),
  numerology integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The seed's rule: the suit is null exactly for the major arcana; majors are numbered 0 to 21,
  -- each suit Ace (1) to King (14).
  check ((arcana_type = 'major') = (suit is null)),
  check (case arcana_type when 'major' then number between 0 and 21 else number between 1 and 14 end),
  unique (suit, number)
);
comment on table tarot.tarot_cards is 'The 78 tarot cards (reference data, seeded by migration): meanings both ways, five contextual pairs, correspondences.';
create index tarot_cards_arcana_idx on tarot.tarot_cards (arcana_type);
create trigger set_updated_at before update on tarot.tarot_cards for each row execute function private.set_updated_at();

-- The major arcana with their Golden Dawn correspondences.
with majors (number, card_key, name, element, planet, zodiac_sign, hebrew_letter, up, down) as (values
  (0, 'the-fool', 'The Fool', 'air', 'Uranus', null, 'Aleph', array['beginnings', 'innocence', 'spontaneity'], array['recklessness', 'naivety', 'hesitation']),
  (1, 'the-magician', 'The Magician', 'air', 'Mercury', null, 'Beth', array['willpower', 'skill', 'manifestation'], array['manipulation', 'untapped talent', 'trickery']),
  (2, 'the-high-priestess', 'The High Priestess', 'water', 'Moon', null, 'Gimel', array['intuition', 'mystery', 'inner voice'], array['secrets', 'withdrawal', 'silence']),
  (3, 'the-empress', 'The Empress', 'earth', 'Venus', null, 'Daleth', array['abundance', 'nurturing', 'fertility'], array['dependence', 'smothering', 'creative block']),
  (4, 'the-emperor', 'The Emperor', 'fire', 'Mars', 'Aries', 'Heh', array['authority', 'structure', 'stability'], array['domination', 'rigidity', 'lack of discipline']),
  (5, 'the-hierophant', 'The Hierophant', 'earth', 'Venus', 'Taurus', 'Vav', array['tradition', 'teaching', 'belief'], array['rebellion', 'dogma', 'new approaches']),
  (6, 'the-lovers', 'The Lovers', 'air', 'Mercury', 'Gemini', 'Zayin', array['love', 'harmony', 'choices'], array['imbalance', 'misalignment', 'indecision']),
  (7, 'the-chariot', 'The Chariot', 'water', 'Moon', 'Cancer', 'Cheth', array['determination', 'control', 'victory'], array['aggression', 'lack of direction', 'obstacles']),
  (8, 'strength', 'Strength', 'fire', 'Sun', 'Leo', 'Teth', array['courage', 'compassion', 'inner strength'], array['self-doubt', 'weakness', 'raw emotion']),
  (9, 'the-hermit', 'The Hermit', 'earth', 'Mercury', 'Virgo', 'Yod', array['introspection', 'solitude', 'guidance'], array['isolation', 'loneliness', 'withdrawal']),
  (10, 'wheel-of-fortune', 'Wheel of Fortune', 'fire', 'Jupiter', null, 'Kaph', array['cycles', 'fate', 'turning point'], array['bad luck', 'resistance to change', 'setbacks']),
  (11, 'justice', 'Justice', 'air', 'Venus', 'Libra', 'Lamed', array['fairness', 'truth', 'law'], array['unfairness', 'dishonesty', 'avoidance']),
  (12, 'the-hanged-man', 'The Hanged Man', 'water', 'Neptune', null, 'Mem', array['surrender', 'new perspective', 'pause'], array['stalling', 'resistance', 'indecision']),
  (13, 'death', 'Death', 'water', 'Pluto', 'Scorpio', 'Nun', array['endings', 'transformation', 'transition'], array['fear of change', 'stagnation', 'holding on']),
  (14, 'temperance', 'Temperance', 'fire', 'Jupiter', 'Sagittarius', 'Samekh', array['balance', 'moderation', 'patience'], array['excess', 'imbalance', 'haste']),
  (15, 'the-devil', 'The Devil', 'earth', 'Saturn', 'Capricorn', 'Ayin', array['attachment', 'temptation', 'materialism'], array['release', 'freedom', 'reclaiming power']),
  (16, 'the-tower', 'The Tower', 'fire', 'Mars', null, 'Peh', array['upheaval', 'revelation', 'sudden change'], array['averted disaster', 'fear of change', 'delay']),
  (17, 'the-star', 'The Star', 'air', 'Uranus', 'Aquarius', 'Tzaddi', array['hope', 'renewal', 'serenity'], array['despair', 'disconnection', 'lack of faith']),
  (18, 'the-moon', 'The Moon', 'water', 'Neptune', 'Pisces', 'Qoph', array['illusion', 'intuition', 'the unconscious'], array['clarity', 'released fear', 'confusion lifting']),
  (19, 'the-sun', 'The Sun', 'fire', 'Sun', null, 'Resh', array['joy', 'success', 'vitality'], array['temporary sadness', 'overconfidence', 'delay']),
  (20, 'judgement', 'Judgement', 'fire', 'Pluto', null, 'Shin', array['reckoning', 'awakening', 'renewal'], array['self-doubt', 'refusing the call', 'harsh judgement']),
  (21, 'the-world', 'The World', 'earth', 'Saturn', null, 'Tav', array['completion', 'integration', 'accomplishment'], array['incompletion', 'shortcuts', 'delays']))
insert into tarot.tarot_cards (card_key, name, arcana_type, suit, number, image_path, description, upright_meaning, reversed_meaning,
  upright_keywords, reversed_keywords, love_upright, love_reversed, career_upright, career_reversed, finance_upright, finance_reversed,
  health_upright, health_reversed, spiritual_upright, spiritual_reversed, element, planet, zodiac_sign, hebrew_letter, numerology)
select m.card_key, m.name, 'major', null, m.number, format('cards/%s.webp', m.card_key),
       format('%s, card %s of the major arcana.', m.name, m.number),
       format('%s upright speaks of %s.', m.name, array_to_string(m.up, ', ')),
       format('%s reversed speaks of %s.', m.name, array_to_string(m.down, ', ')),
       m.up, m.down,
       format('In love: %s.', m.up[1]), format('In love: %s.', m.down[1]),
       format('In work: %s.', m.up[2]), format('In work: %s.', m.down[2]),
       format('In money: %s.', m.up[3]), format('In money: %s.', m.down[3]),
       format('In health: %s.', m.up[2]), format('In health: %s.', m.down[2]),
       format('In spirit: %s.', m.up[1]), format('In spirit: %s.', m.down[1]),
       m.element, m.planet, m.zodiac_sign, m.hebrew_letter,
       case when m.number < 10 then m.number else (m.number / 10) + (m.number % 10) end
  from majors m;

-- The minor arcana: four suits of Ace to Ten and four court cards.
with suits (suit, element, theme, up, down) as (values
  ('wands', 'fire', 'will and action', 'energy', 'delays'),
  ('cups', 'water', 'feelings and relationships', 'emotion', 'emotional block'),
  ('swords', 'air', 'thought and conflict', 'clarity', 'confusion'),
  ('pentacles', 'earth', 'work and the material world', 'security', 'loss')),
ranks (number, rank_key, rank_name, up, down) as (values
  (1, 'ace', 'Ace', 'a new start', 'a false start'), (2, 'two', 'Two', 'partnership', 'imbalance'),
  (3, 'three', 'Three', 'growth', 'setback'), (4, 'four', 'Four', 'stability', 'stagnation'),
  (5, 'five', 'Five', 'challenge', 'recovery'), (6, 'six', 'Six', 'harmony', 'nostalgia'),
  (7, 'seven', 'Seven', 'perseverance', 'doubt'), (8, 'eight', 'Eight', 'movement', 'restriction'),
  (9, 'nine', 'Nine', 'fulfilment', 'anxiety'), (10, 'ten', 'Ten', 'completion', 'burden'),
  (11, 'page', 'Page', 'curiosity', 'immaturity'), (12, 'knight', 'Knight', 'pursuit', 'impulsiveness'),
  (13, 'queen', 'Queen', 'mastery within', 'insecurity'), (14, 'king', 'King', 'mastery without', 'control'))
insert into tarot.tarot_cards (card_key, name, arcana_type, suit, number, image_path, description, upright_meaning, reversed_meaning,
  upright_keywords, reversed_keywords, love_upright, love_reversed, career_upright, career_reversed, finance_upright, finance_reversed,
  health_upright, health_reversed, spiritual_upright, spiritual_reversed, element, planet, zodiac_sign, hebrew_letter, numerology)
select format('%s-of-%s', r.rank_key, s.suit), format('%s of %s', r.rank_name, initcap(s.suit)), 'minor', s.suit, r.number,
       format('cards/%s-of-%s.webp', r.rank_key, s.suit),
       format('The %s of %s: %s in %s.', r.rank_name, initcap(s.suit), r.up, s.theme),
       format('Upright: %s and %s in %s.', r.up, s.up, s.theme),
       format('Reversed: %s and %s in %s.', r.down, s.down, s.theme),
       array[r.up, s.up], array[r.down, s.down],
       format('In love: %s.', r.up), format('In love: %s.', r.down),
       format('In work: %s.', r.up), format('In work: %s.', r.down),
       format('In money: %s.', r.up), format('In money: %s.', r.down),
       format('In health: %s.', r.up), format('In health: %s.', r.down),
       format('In spirit: %s.', r.up), format('In spirit: %s.', r.down),
       s.element, null, null, null, case when r.number <= 10 then r.number end
  from suits s cross join ranks r;

-- Spreads ----------------------------------------------------------------------------------------------------------------
-- A layout is 1 to 78 positions in order: {position (1..n), label, x, y (percent of the table),
-- rotation (0 or 90, optional)}; nothing else.
create or replace function private.tarot_valid_layout(p_layout jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(p_layout) = 'array'
     and jsonb_array_length(p_layout) between 1 and 78
     and octet_length(p_layout::text) <= 16384
     and not exists (
       select 1 from jsonb_array_elements(p_layout) with ordinality e(slot, n)
        where case when jsonb_typeof(e.slot) <> 'object' then true
                   else not (e.slot ?& array['position', 'label', 'x', 'y'])
                     or exists (select 1 from jsonb_object_keys(e.slot) k where k not in ('position', 'label', 'x', 'y', 'rotation'))
                     or jsonb_typeof(e.slot -> 'position') <> 'number' or (e.slot ->> 'position') <> n::text
                     or jsonb_typeof(e.slot -> 'label') <> 'string' or char_length(e.slot ->> 'label') not between 1 and 100
                     or jsonb_typeof(e.slot -> 'x') <> 'number' or (e.slot ->> 'x')::numeric not between 0 and 100
                     or jsonb_typeof(e.slot -> 'y') <> 'number' or (e.slot ->> 'y')::numeric not between 0 and 100
                     or coalesce((e.slot ->> 'rotation') not in ('0', '90'), false) end)
$$;

create table tarot.tarot_spreads (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  description text check (char_length(description) <= 2000),
  card_count integer not null,
  layout_data jsonb not null check (octet_length(layout_data::text) <= 16384 and private.tarot_valid_layout(layout_data)),
  difficulty_level text not null default 'beginner' check (difficulty_level in ('beginner', 'intermediate', 'advanced')),
  category text check (char_length(category) <= 50),
  -- Presets have no creator; a custom spread is its creator's (a client never sets these two).
  is_custom boolean not null default true,
  created_by uuid default auth.uid() references public.profiles (id) on delete cascade,
  is_public boolean not null default false,
  -- Counted by the readings that use it (trigger), not by clients.
  usage_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (card_count = jsonb_array_length(layout_data)),
  check (is_custom = (created_by is not null))
);
comment on table tarot.tarot_spreads is 'Spread layouts: presets for everyone, custom ones for their creator (and everyone when public).';
create index tarot_spreads_created_by_idx on tarot.tarot_spreads (created_by);
create index tarot_spreads_public_idx on tarot.tarot_spreads (is_public) where is_public;
create trigger set_updated_at before update on tarot.tarot_spreads for each row execute function private.set_updated_at();

insert into tarot.tarot_spreads (name, description, card_count, layout_data, difficulty_level, category, is_custom, created_by, is_public) values
  ('Single card', 'One card for the question of the day.', 1,
   '[{"position": 1, "label": "The card", "x": 50, "y": 50}]', 'beginner', 'general', false, null, true),
  ('Three cards', 'Past, present and future.', 3,
   '[{"position": 1, "label": "Past", "x": 25, "y": 50}, {"position": 2, "label": "Present", "x": 50, "y": 50},
     {"position": 3, "label": "Future", "x": 75, "y": 50}]', 'beginner', 'general', false, null, true),
  ('Celtic Cross', 'The classic ten-card spread.', 10,
   '[{"position": 1, "label": "Present", "x": 35, "y": 50}, {"position": 2, "label": "Challenge", "x": 35, "y": 50, "rotation": 90},
     {"position": 3, "label": "Foundation", "x": 35, "y": 80}, {"position": 4, "label": "Recent past", "x": 15, "y": 50},
     {"position": 5, "label": "Crown", "x": 35, "y": 20}, {"position": 6, "label": "Near future", "x": 55, "y": 50},
     {"position": 7, "label": "Self", "x": 80, "y": 85}, {"position": 8, "label": "Environment", "x": 80, "y": 62},
     {"position": 9, "label": "Hopes and fears", "x": 80, "y": 38}, {"position": 10, "label": "Outcome", "x": 80, "y": 15}]',
   'advanced', 'general', false, null, true),
  ('Horseshoe', 'Seven cards from the past to the likely outcome.', 7,
   '[{"position": 1, "label": "Past", "x": 10, "y": 30}, {"position": 2, "label": "Present", "x": 20, "y": 60},
     {"position": 3, "label": "Hidden influences", "x": 35, "y": 85}, {"position": 4, "label": "Obstacles", "x": 50, "y": 90},
     {"position": 5, "label": "Others", "x": 65, "y": 85}, {"position": 6, "label": "Advice", "x": 80, "y": 60},
     {"position": 7, "label": "Outcome", "x": 90, "y": 30}]', 'intermediate', 'general', false, null, true),
  ('Relationship', 'Five cards on two people and what binds them.', 5,
   '[{"position": 1, "label": "You", "x": 20, "y": 50}, {"position": 2, "label": "The other", "x": 80, "y": 50},
     {"position": 3, "label": "The bond", "x": 50, "y": 50}, {"position": 4, "label": "Challenge", "x": 50, "y": 80},
     {"position": 5, "label": "Potential", "x": 50, "y": 20}]', 'intermediate', 'love', false, null, true);

-- Grants and policies ------------------------------------------------------------------------------------------------------
revoke all on tarot.tarot_cards, tarot.tarot_spreads from anon, authenticated;
grant select on tarot.tarot_cards, tarot.tarot_spreads to anon, authenticated;
grant insert (name, description, card_count, layout_data, difficulty_level, category, is_public) on tarot.tarot_spreads to authenticated;
grant update (name, description, card_count, layout_data, difficulty_level, category, is_public) on tarot.tarot_spreads to authenticated;
grant delete on tarot.tarot_spreads to authenticated;
alter table tarot.tarot_cards enable row level security;
alter table tarot.tarot_spreads enable row level security;

create policy "anyone reads the deck" on tarot.tarot_cards for select to anon, authenticated using (true);
create policy "anyone reads public spreads" on tarot.tarot_spreads for select to anon using (is_public);
create policy "users read public spreads and their own" on tarot.tarot_spreads for select to authenticated
  using (is_public or created_by = (select auth.uid()));
create policy "users create their own custom spreads" on tarot.tarot_spreads for insert to authenticated
  with check (created_by = (select auth.uid()) and is_custom and (select private.is_active_user()));
create policy "creators change their custom spreads" on tarot.tarot_spreads for update to authenticated
  using (created_by = (select auth.uid())) with check (created_by = (select auth.uid()));
create policy "creators delete their custom spreads" on tarot.tarot_spreads for delete to authenticated
  using (created_by = (select auth.uid()));
-- The layout check runs as the writer.
grant execute on function private.tarot_valid_layout(jsonb) to authenticated, service_role;
