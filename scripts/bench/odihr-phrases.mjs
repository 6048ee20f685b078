// Sentence material for synthetic recommendations and assessment quotes, after the wording of
// ODIHR final reports. Each topic has its own subjects and asks, so that full-text searches hit
// realistic fractions of the data (a topic word in a few per cent of the rows, "election" in most)
// and a topic filter and a search on its words select the same kind of rows.

/** {topic slug: [weight, report sub-heading]}: weights follow the mix of real final reports. */
export const TOPIC_MIX = {
  'legal-framework': [14, 'Legal Framework'],
  'electoral-system': [3, 'Electoral System'],
  'election-administration': [14, 'Election Administration'],
  'voter-registration': [8, 'Voter Registration'],
  'candidate-registration': [9, 'Candidate Registration'],
  campaign: [7, 'Election Campaign'],
  'campaign-finance': [7, 'Campaign Finance'],
  media: [9, 'Media'],
  'complaints-and-appeals': [8, 'Complaints and Appeals'],
  'election-observation': [5, 'Citizen and International Observers'],
  'election-day': [9, 'Election Day'],
  results: [4, 'Announcement of Results'],
  'participation-of-women': [3, 'Participation of Women'],
  'participation-of-minorities': [2, 'Participation of National Minorities'],
  'persons-with-disabilities': [3, 'Participation of Persons with Disabilities'],
  'fundamental-freedoms': [5, 'Fundamental Freedoms'],
  'electronic-voting': [2, 'New Voting Technologies'],
};

const LAWS = [
  'Election Code',
  'Constitutional Law on Elections',
  'Law on Political Parties',
  'Law on Elections',
  'Law on Referendums',
  'Law on Mass Media',
  'Law on Peaceful Assemblies',
  'Administrative Procedure Code',
  'Criminal Code',
  'Law on Local Self-Government',
];

const BODIES = [
  'the Central Election Commission (CEC)',
  'the CEC',
  'lower-level election commissions',
  'territorial election commissions (TECs)',
  'precinct election commissions (PECs)',
  'district election commissions',
];

/**
 * Per topic: what it is about (`subject`, used in quotes and lineage notes) and sentence
 * templates; `{law}` and `{body}` are filled from the lists above, `{a|b|c}` picks one.
 */
export const TOPIC_PHRASES = {
  'legal-framework': {
    subject: ['the legal framework', 'the comprehensive review of the electoral legislation'],
    main: [
      'The legal framework should be comprehensively reviewed to address {gaps and ambiguities identified in this and previous ODIHR reports|inconsistencies between the Constitution and the {law}|the remaining gaps in the regulation of key aspects of the electoral process}, in line with OSCE commitments and other international obligations and standards.',
      'Consideration should be given to undertaking an inclusive review of the {law}, well in advance of the next elections, to harmonise its provisions with the {law} and to address prior ODIHR and Venice Commission recommendations.',
      'The {law} should be amended to remove {undue restrictions on fundamental rights and freedoms|excessively broad grounds for the deregistration of candidates|the wide discretion of {body} in interpreting key provisions}, and to provide legal certainty for all electoral stakeholders.',
      'Any amendments to the {law} should be adopted through an open and inclusive consultation process, {well in advance of elections|at least one year before the next elections|with the meaningful participation of civil society and political parties}.',
      'Fundamental aspects of the electoral process should be regulated by law rather than by {CEC regulations|subsidiary acts|instructions of {body}}, and frequent late changes to the rules should be avoided.',
    ],
  },
  'electoral-system': {
    subject: ['the electoral system', 'the delimitation of constituencies'],
    main: [
      'The boundaries of single-mandate constituencies should be reviewed {on a regular basis|before each parliamentary election} by an impartial body, to ensure the equality of the vote, and deviations from the average number of voters should not exceed 10 per cent.',
      'Consideration should be given to reviewing the {threshold for parliamentary representation|rules for the allocation of mandates|mixed electoral system}, in consultation with political parties, to ensure that the will of the voters is accurately reflected.',
      'The rules for filling vacant seats should be clearly set out in law and should respect the order of candidates on the party list, {rather than leaving it to the discretion of party leadership|to avoid the practice of imperative mandates}.',
    ],
  },
  'election-administration': {
    subject: [
      'the independence and impartiality of the election administration',
      'the transparency of the election administration',
    ],
    main: [
      'To enhance the independence and impartiality of the election administration, the {law} should be amended to guarantee an inclusive and broad representation of political parties in election commissions at all levels.',
      '{body} should hold its sessions in public and publish {all its decisions|the agendas and minutes of its sessions|its decisions and the results of their voting} on its website in a timely manner, to increase transparency and public confidence.',
      'The CEC should provide {comprehensive and uniform training|mandatory training} for members of lower-level election commissions, with particular emphasis on {counting and tabulation procedures|the completion of results protocols|the handling of complaints|procedural safeguards on election day}.',
      'Measures should be taken to prevent the interference of {local authorities|state officials|employers} in the work of election commissions, and the independence of {body} should be guaranteed in law and practice.',
      'The procedures for the appointment and dismissal of members of {body} should be {transparent and based on clear criteria|reviewed to ensure security of tenure|made public}.',
    ],
  },
  'voter-registration': {
    subject: ['voter registration', 'the accuracy of voter lists'],
    main: [
      'To safeguard the integrity of the voter register, election day registration should not be permitted at polling stations, and additions to voter lists on election day should be {prohibited|limited and subject to strict safeguards}.',
      'The authorities should undertake a comprehensive audit of the voter register to {remove deceased voters and duplicate entries|improve the accuracy of voter lists|address concerns about the inflation of voter lists}, and the results should be made public.',
      'Voter lists should be made available for public scrutiny {at polling stations|online, with due respect for the protection of personal data|in a timely manner}, so that voters can verify their records and request corrections.',
      'The blanket withdrawal of voting rights of citizens serving prison sentences should be revised to ensure proportionality between the limitation imposed and the severity of the offence committed.',
      'The issuance of absentee voting certificates should be {conditional and subject to a post-election audit|strictly regulated}, and voters registered at special polling stations should be excluded from the voter lists of their place of residence.',
    ],
  },
  'candidate-registration': {
    subject: ['candidate registration', 'the registration of political parties'],
    main: [
      'Consideration should be given to removing the {residency|language|education} requirement for candidates, as it is an unreasonable restriction on the right to stand, contrary to paragraph 7.5 of the 1990 OSCE Copenhagen Document.',
      'The right to stand as an independent candidate should be guaranteed {in all types of elections|in law and in practice}, in line with paragraph 7.5 of the 1990 OSCE Copenhagen Document.',
      'The requirements for the registration of political parties should be reviewed, including the {minimum membership threshold|number of signatures required|regional representation requirements}, to facilitate political pluralism.',
      'The verification of support signatures should be conducted in a {transparent and uniform manner|public manner, in the presence of candidate representatives}, and minor errors should not lead to the denial of registration.',
      'Decisions to {deny registration to|deregister} candidates should be based on clear and objective criteria, taken only for serious violations, and subject to timely judicial review.',
    ],
  },
  campaign: {
    subject: ['the election campaign', 'the misuse of administrative resources'],
    main: [
      'The authorities should take effective measures to prevent the misuse of administrative resources {during the campaign|by incumbent candidates}, including clear separation between state and party activities, in line with paragraph 5.4 of the 1990 OSCE Copenhagen Document.',
      'Public officials should refrain from {pressuring public sector employees and students to attend campaign events|campaigning while performing their official duties|using state events for campaign purposes}, and such cases should be promptly investigated.',
      'Restrictions on campaigning, including {requirements to obtain permission for campaign events|limitations on the locations for outdoor campaign materials|the prohibition of campaigning by non-citizens}, should be reviewed to ensure freedom of expression and assembly.',
      'The law should provide for equal opportunities for all contestants to campaign, and {local authorities|election commissions} should allocate premises for campaign events on an equal basis.',
    ],
  },
  'campaign-finance': {
    subject: ['campaign finance', 'the oversight of political finance'],
    main: [
      'The campaign finance framework should be reviewed to {introduce reasonable limits on donations and expenditures|require the disclosure of all contributions and expenditures before election day|include third-party campaigning}, in line with prior ODIHR and GRECO recommendations.',
      'An independent body with the mandate and resources to {oversee political finance and sanction violations|audit party and campaign finance reports} should be established, and its findings should be published in a timely manner.',
      'Candidates and parties should be required to publish {interim and final campaign finance reports|detailed reports of income and expenditures} before and after election day, and the oversight body should verify them.',
      'Effective, proportionate and dissuasive sanctions should be introduced for violations of campaign finance rules, {and they should be applied consistently|including for the use of unreported funds}.',
    ],
  },
  media: {
    subject: ['media freedom', 'the coverage of the campaign in the media'],
    main: [
      'Defamation should be decriminalised and replaced with civil remedies designed to restore the reputation harmed, {and the amount of damages should be proportionate|in line with international standards on freedom of expression}.',
      'The {law} should be amended to ensure the independence of the media regulatory body, including through a transparent appointment procedure and {safeguards against political influence|adequate funding}.',
      'Public service broadcasters should provide {balanced and impartial coverage of all contestants|equal free airtime to all contestants|editorially independent news coverage}, and refrain from favouring the incumbents during the campaign.',
      'The authorities should refrain from {blocking websites and restricting access to online media|prosecuting journalists for their reporting|pressuring media outlets}, and ensure that journalists can work without fear of harassment.',
      'A mechanism for the {monitoring of media coverage of the campaign|timely handling of media-related complaints} should be established, with the power to apply effective sanctions for violations.',
    ],
  },
  'complaints-and-appeals': {
    subject: ['the resolution of election disputes', 'complaints and appeals'],
    main: [
      'The legal framework should be amended to ensure that all {decisions, actions and inaction of election commissions|complaints on election day procedures|challenges to election results} can be appealed to a court, with a final appeal to a higher court.',
      'Election commissions and courts should consider complaints {in open sessions|within short but reasonable deadlines|on their merits rather than dismissing them on technical grounds}, and publish their decisions with reasoning.',
      'The right to file complaints should be extended to {voters and citizen observers|all electoral stakeholders}, in line with paragraph 5.10 of the 1990 OSCE Copenhagen Document.',
      'The CEC should maintain and publish a register of all {complaints and appeals|complaints received and the decisions taken}, to enhance transparency and accountability of the dispute resolution process.',
    ],
  },
  'election-observation': {
    subject: ['citizen and international observation', 'the rights of observers'],
    main: [
      'The {law} should explicitly provide for citizen observation by civil society organisations, in line with paragraph 8 of the 1990 OSCE Copenhagen Document.',
      'Observers should be granted {unimpeded access to all stages of the electoral process|the right to receive copies of results protocols|access to the tabulation of results at all levels}, including the counting of ballots at polling stations.',
      'The accreditation requirements for {citizen|international} observers should be reviewed to remove undue restrictions, and accreditation should be granted in a timely manner.',
    ],
  },
  'election-day': {
    subject: ['voting, counting and tabulation', 'election day procedures'],
    main: [
      'The CEC should take measures to ensure that {counting procedures are followed consistently|the secrecy of the vote is respected at all polling stations|the number of signatures on voter lists is counted and announced before opening ballot boxes}, and that PEC members are trained accordingly.',
      'Measures should be taken to prevent {ballot box stuffing, multiple voting and group voting|the presence of unauthorised persons in polling stations|the use of pre-signed results protocols}, and all such cases should be thoroughly investigated.',
      'Polling stations should be {arranged so that observers have a clear view of all procedures|equipped with voting booths that ensure the secrecy of the vote|organised to avoid overcrowding}.',
      'Consideration should be given to introducing {additional safeguards for mobile voting|clear procedures for the use of mobile ballot boxes}, including strict criteria for requests and their verification.',
      'PEC results protocols should be {posted at polling stations immediately after the count|completed in full before being signed|handed over to all observers and candidate representatives who request them}.',
    ],
  },
  results: {
    subject: ['the announcement of results', 'the transparency of tabulation'],
    main: [
      'The CEC should publish {preliminary and final results broken down by polling station|the results protocols of all PECs} on its website in a timely manner, to enhance the transparency of the tabulation.',
      'The law should set out clear and consistent criteria and procedures for {recounts and the invalidation of results|the tabulation of results at all levels}, and such decisions should be published with their reasoning.',
      'Tabulation should be conducted in an open and transparent manner, and {observers should be able to follow the data entry|discrepancies between protocols should be explained publicly}.',
    ],
  },
  'participation-of-women': {
    subject: ['the participation of women', 'gender balance in elected office'],
    main: [
      'Political parties should be encouraged to {promote women candidates in winnable positions on their lists|adopt internal measures to increase the participation of women}, and the legal gender quota should be {strengthened|enforced effectively}.',
      'Consideration should be given to introducing {temporary special measures|placement requirements for candidate lists} to enhance the participation of women in political and public life, in line with CEDAW.',
      'The authorities should collect and publish sex-disaggregated data on {candidates, elected officials and members of election commissions|voter turnout}.',
    ],
  },
  'participation-of-minorities': {
    subject: [
      'the participation of national minorities',
      'voter information in minority languages',
    ],
    main: [
      'The authorities should provide {voter information and ballots in minority languages|election materials in minority languages} in areas where national minorities reside, to facilitate their informed participation.',
      'Measures should be considered to enhance the participation of national minorities {in election administration|as candidates|in political life}, including through consultation with their representatives.',
    ],
  },
  'persons-with-disabilities': {
    subject: [
      'the participation of persons with disabilities',
      'the accessibility of polling stations',
    ],
    main: [
      'The norms disenfranchising persons with {intellectual or psychosocial disabilities|disabilities declared legally incapable} should be abolished to ensure universal suffrage, in line with the Convention on the Rights of Persons with Disabilities.',
      'The authorities should take measures to ensure that {polling stations are accessible|voting procedures and materials are accessible|voter information is available in accessible formats} for persons with disabilities, so that they can vote independently.',
    ],
  },
  'fundamental-freedoms': {
    subject: ['fundamental freedoms', 'freedom of peaceful assembly and association'],
    main: [
      'Restrictions in the legislation related to constitutionally guaranteed fundamental rights and freedoms should be lifted, and excessively wide formulations of such restrictions in the law should be avoided to ensure legal certainty.',
      'The {law} should be revised to ensure that freedom of peaceful assembly is {subject to notification rather than authorisation|not restricted to designated locations}, in line with OSCE commitments.',
      'The authorities should refrain from {detaining and prosecuting peaceful protesters|harassing opposition activists and civil society representatives|restricting freedom of association}, and investigate all such allegations promptly.',
    ],
  },
  'electronic-voting': {
    subject: ['new voting technologies', 'the use of electronic voting equipment'],
    main: [
      'The introduction of {new voting technologies|electronic vote-counting equipment|internet voting} should be preceded by a broad public consultation, {independent certification|a comprehensive risk assessment} and pilot testing, to ensure public confidence.',
      'The legal framework should regulate the use of {ballot scanners|electronic voter identification devices} in detail, including {independent audits|mandatory manual recounts of a random sample of polling stations} and access of observers to all stages.',
    ],
  },
};

/** Second and later sentences, any topic. */
export const SUPPORTING = [
  'This would enhance public confidence in the electoral process.',
  'Such amendments should be adopted well in advance of the next elections and be subject to broad public consultation.',
  'Relevant authorities should ensure that sufficient resources are allocated for this purpose.',
  'Any restrictions should be proportionate, based on reasonable and objective criteria, and subject to effective judicial review.',
  'The ODIHR and the Venice Commission remain ready to assist the authorities in this regard.',
  'This recommendation was made in previous ODIHR reports and remains unaddressed.',
  'Clear guidance should be issued to lower-level commissions to ensure uniform application of the rules.',
  'Sanctions for violations should be proportionate and applied consistently.',
  'The decisions taken should be published in a timely manner, with their reasoning.',
  'Civil society organisations should be consulted in the process.',
  'Adequate training should be provided to all officials responsible for implementation.',
  'Consideration could be given to conducting a public information campaign to this end.',
  'The authorities should report publicly on the measures taken.',
  'This should apply equally to all contestants, irrespective of their affiliation.',
];

export const MISSION_KINDS = [
  'Election Observation Mission',
  'Limited Election Observation Mission',
  'Election Assessment Mission',
  'Election Expert Team',
];

export const THIRD_PARTY_PUBLISHERS = [
  'International Partnership for Human Rights (IPHR)',
  'European Platform for Democratic Elections',
  'National Coalition of Independent Observers',
  'Human Rights Monitoring Centre',
  'Citizens Network for Free Elections',
  'Association of Young Lawyers',
];

export const QUOTES = {
  not_implemented: [
    'Previous ODIHR recommendations on {subject} remain unaddressed.',
    'The {law} was not amended in this respect, and the prior ODIHR recommendation on {subject} remains unaddressed.',
    'Despite prior ODIHR recommendations, no steps were taken to address {subject}; the concerns raised in previous reports persist.',
    'Long-standing ODIHR recommendations, including on {subject}, were not implemented, and the legal framework remains essentially unchanged in this regard.',
  ],
  partially_implemented: [
    'Some prior ODIHR recommendations on {subject} were addressed, while others remain unaddressed.',
    'Recent amendments partially addressed previous ODIHR recommendations on {subject}, but key concerns remain.',
    'The authorities took some steps regarding {subject}, partially addressing the previous ODIHR recommendation; however, implementation in practice was inconsistent.',
  ],
  mostly_implemented: [
    'The amendments adopted in {year} addressed most prior ODIHR recommendations related to {subject}, although some gaps remain.',
    'Prior ODIHR recommendations on {subject} were mostly implemented, with only minor issues noted by the mission.',
  ],
  fully_implemented: [
    'In line with a previous ODIHR recommendation, the {law} was amended in {year} to address {subject}.',
    'The prior ODIHR recommendation on {subject} has been fully implemented.',
    'Positively, the authorities addressed the previous ODIHR recommendation on {subject}, and the new rules were applied consistently.',
  ],
  no_longer_applicable: [
    'Following the adoption of a new {law} in {year}, the prior recommendation on {subject} is no longer applicable.',
    'The institution concerned was abolished in {year}; the prior recommendation on {subject} is therefore no longer applicable.',
  ],
};

export const INFERENCE_NOTES = [
  'Mapped from a thematic statement on {subject}; the report does not cite the recommendation by number.',
  'The assessing report discusses {subject} in general terms; an editor matched it to this recommendation.',
  'Inferred from the section on {subject}: same issue, no explicit reference to the earlier report.',
];

export const LINK_NOTES = {
  repeats: [
    'Almost word for word: the later report repeats the recommendation on {subject}.',
    'Same ask on {subject}, restated with minor changes.',
  ],
  continues: [
    'Takes up the same issue ({subject}) with a different ask.',
    'Continues the earlier recommendation on {subject}, narrowing it after partial implementation.',
  ],
};

/** Fills `{law}`, `{body}`, `{subject}`, `{year}` and picks one of `{a|b|c}`, innermost first. */
export function fill(template, random, values = {}) {
  let text = template;
  for (;;) {
    const next = text.replace(/\{([^{}]*)\}/g, (whole, inner) => {
      if (inner === 'law') return random.pick(LAWS);
      if (inner === 'body') return random.pick(BODIES);
      if (inner in values) return String(values[inner]);
      if (inner.includes('|')) return random.pick(inner.split('|'));
      return whole;
    });
    if (next === text) return text;
    text = next;
  }
}

export function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
