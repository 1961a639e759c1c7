//! The speech-cue lexicon: verbs that introduce or close a quotation, with their inflections.

use crate::names::{Key, Lexicon, Lower};
use std::sync::OnceLock;

/// What a cue word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The verb takes a listener before the reported clause ("told reporters that ...").
    pub takes_object: bool,
    /// The verb reliably reports speech even without quotation marks ("said", "argued"),
    /// unlike "called" or "wrote", which need a quotation next to them.
    pub reports: bool,
}

/// Lemma lines: forms separated by spaces. `+` marks a verb that reports speech on its own,
/// `@` one that takes a listener.
const LEXICON: &str = "\
+say says said saying
+@tell tells told telling
+add adds added adding
+claim claims claimed claiming
+argue argues argued arguing
+explain explains explained explaining
+insist insists insisted insisting
+@warn warns warned warning
+note notes noted noting
+state states stated stating
+announce announces announced announcing
+confirm confirms confirmed confirming
+suggest suggests suggested suggesting
+acknowledge acknowledges acknowledged acknowledging
+concede concedes conceded conceding
+stress stresses stressed stressing
+report reports reported reporting
+admit admits admitted admitting
+indicate indicates indicated indicating
+complain complains complained complaining
+lament laments lamented lamenting
+maintain maintains maintained maintaining
+contend contends contended contending
+allege alleges alleged alleging
+predict predicts predicted predicting
+reveal reveals revealed revealing
+testify testifies testified testifying
+assert asserts asserted asserting
+declare declares declared declaring
+emphasize emphasizes emphasized emphasizing
+emphasise emphasises emphasised emphasising
+observe observes observed observing
+point points pointed pointing
+@remind reminds reminded reminding
+@advise advises advised advising
+@assure assures assured assuring
+@inform informs informed informing
+@urge urges urged urging
+@caution cautions cautioned cautioning
+recall recalls recalled recalling
+recount recounts recounted recounting
+mention mentions mentioned mentioning
+estimate estimates estimated estimating
+reiterate reiterates reiterated reiterating
+remark remarks remarked remarking
+respond responds responded responding
+reply replies replied replying
+answer answers answered answering
+counter counters countered countering
+retort retorts retorted retorting
+deny denies denied denying
+agree agrees agreed agreeing
+disagree disagrees disagreed disagreeing
+boast boasts boasted boasting
+brag brags bragged bragging
+complain complains complained complaining
+concur concurs concurred concurring
+conclude concludes concluded concluding
+comment comments commented commenting
+continue continues continued continuing
+promise promises promised promising
+pledge pledges pledged pledging
+vow vows vowed vowing
+threaten threatens threatened threatening
+predict predicts predicted predicting
+worry worries worried worrying
+fear fears feared fearing
+hope hopes hoped hoping
+believe believes believed believing
+think thinks thought thinking
+feel feels felt feeling
+acknowledge acknowledges acknowledged acknowledging
+charge charges charged charging
+accuse accuses accused accusing
+demand demands demanded demanding
+propose proposes proposed proposing
+recommend recommends recommended recommending
+speculate speculates speculated speculating
+surmise surmises surmised surmising
+theorize theorizes theorized theorizing
+specify specifies specified specifying
+clarify clarifies clarified clarifying
+elaborate elaborates elaborated elaborating
+affirm affirms affirmed affirming
+reaffirm reaffirms reaffirmed reaffirming
+attest attests attested attesting
+swear swears swore sworn swearing
+guarantee guarantees guaranteed guaranteeing
+forecast forecasts forecasted forecasting
+project projects projected projecting
+hint hints hinted hinting
+imply implies implied implying
+signal signals signalled signaled signalling signaling
+concede concedes conceded conceding
+grant grants granted granting
+protest protests protested protesting
+object objects objected objecting
+insinuate insinuates insinuated insinuating
+opine opines opined opining
+posit posits posited positing
+reckon reckons reckoned reckoning
+figure figures figured figuring
+recognize recognizes recognized recognizing
+recognise recognises recognised recognising
+realize realizes realized realizing
+admit admits admitted admitting
+confess confesses confessed confessing
+disclose discloses disclosed disclosing
+divulge divulges divulged divulging
+acknowledge acknowledges acknowledged acknowledging
+write writes wrote written writing
+post posts posted posting
+tweet tweets tweeted tweeting
+blog blogs blogged blogging
+email emails emailed emailing
+text texts texted texting
+describe describes described describing
+characterize characterizes characterized characterizing
+characterise characterises characterised characterising
+@ask asks asked asking
+@question questions questioned questioning
+wonder wonders wondered wondering
+inquire inquires inquired inquiring
+muse muses mused musing
+joke jokes joked joking
+quip quips quipped quipping
+laugh laughs laughed laughing
+chuckle chuckles chuckled chuckling
+smile smiles smiled smiling
+sigh sighs sighed sighing
+shout shouts shouted shouting
+yell yells yelled yelling
+scream screams screamed screaming
+cry cries cried crying
+exclaim exclaims exclaimed exclaiming
+whisper whispers whispered whispering
+mutter mutters muttered muttering
+murmur murmurs murmured murmuring
+mumble mumbles mumbled mumbling
+grumble grumbles grumbled grumbling
+snap snaps snapped snapping
+chant chants chanted chanting
+sing sings sang sung singing
+read reads reading
+begin begins began begun beginning
+start starts started starting
+go goes went going
+recite recites recited reciting
+blurt blurts blurted blurting
+interject interjects interjected interjecting
+interrupt interrupts interrupted interrupting
+add adds added adding
+summarize summarizes summarized summarizing
+summarise summarises summarised summarising
+express expresses expressed expressing
+call calls called calling
+label labels labelled labeled labelling labeling
+dub dubs dubbed dubbing
+term terms termed terming
+brand brands branded branding
+decry decries decried decrying
+denounce denounces denounced denouncing
+condemn condemns condemned condemning
+criticize criticizes criticized criticizing
+criticise criticises criticised criticising
+praise praises praised praising
+hail hails hailed hailing
+welcome welcomes welcomed welcoming
+applaud applauds applauded applauding
+thank thanks thanked thanking
+apologize apologizes apologized apologizing
+apologise apologises apologised apologising
+plead pleads pleaded pled pleading
+beg begs begged begging
+implore implores implored imploring
+@instruct instructs instructed instructing
+@order orders ordered ordering
+@tell tells told telling
+@notify notifies notified notifying
+@caution cautions cautioned cautioning
+@brief briefs briefed briefing
+write writes wrote writing
+conclude concludes concluded concluding
+underline underlines underlined underlining
+underscore underscores underscored underscoring
+highlight highlights highlighted highlighting
+acknowledge acknowledges acknowledged acknowledging
+repeat repeats repeated repeating
+echo echoes echoed echoing
+add adds added adding
+offer offers offered offering
+share shares shared sharing
+recollect recollects recollected recollecting
+reminisce reminisces reminisced reminiscing
+exult exults exulted exulting
+gush gushes gushed gushing
+rave raves raved raving
+rant rants ranted ranting
+fume fumes fumed fuming
+seethe seethes seethed seething
+bristle bristles bristled bristling
+scoff scoffs scoffed scoffing
+sneer sneers sneered sneering
+mock mocks mocked mocking
+tease teases teased teasing
+taunt taunts taunted taunting
+rebut rebuts rebutted rebutting
+refute refutes refuted refuting
+dispute disputes disputed disputing
+challenge challenges challenged challenging
+caution cautions cautioned cautioning
+advise advises advised advising
+acknowledge acknowledges acknowledged acknowledging
";

fn table() -> &'static Lexicon<Cue> {
    static TABLE: OnceLock<Lexicon<Cue>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Looked up once per form: a table, not a scan of the list.
        let weak = Lexicon::build(WEAK.lines().map(|w| (w, ())), |_, _| ());
        let weak = &weak;
        let forms = LEXICON.lines().flat_map(|line| {
            let reports = line.starts_with('+');
            let line = line.trim_start_matches('+');
            let takes_object = line.starts_with('@');
            let line = line.trim_start_matches('@');
            line.split_whitespace().map(move |form| {
                let cue = Cue {
                    takes_object,
                    reports: reports && weak.get(form.as_bytes()).is_none(),
                };
                (form, cue)
            })
        });
        // A form listed again under another lemma line takes that line's reading.
        Lexicon::build(forms, |_, later| later)
    })
}

/// Verbs that only count as cues right next to a quotation: too often used otherwise.
const WEAK: &str = "\
call
calls
called
calling
go
goes
went
going
read
reads
reading
begin
begins
began
begun
beginning
start
starts
started
starting
continue
continues
continued
continuing
write
writes
wrote
written
writing
post
posts
posted
posting
text
texts
texted
describe
describes
described
describing
feel
feels
felt
think
thinks
thought
hope
hopes
hoped
fear
fears
feared
figure
figures
figured
project
projects
projected
grant
granted
object
objects
share
shares
shared
offer
offers
offered
thank
thanks
thanked
welcome
welcomes
welcomed
smile
smiles
smiled
laugh
laughs
laughed
sing
sings
sang
sung
order
orders
ordered
brief
briefed
question
questions
questioned
counter
counters
express
expresses
expressed
express
challenge
challenges
challenged
term
terms
termed
brand
brands
branded
label
labels
labelled
labeled
signal
signals
signalled
signaled
hint
hints
hinted
agree
agreed
agrees
realize
realized
recognize
recognized
echo
echoed
repeat
repeated
believe
believes
believed
worry
worried
worries
charge
charges
charged
accuse
accused
praise
praised
hail
hailed
demand
demanded
demands
propose
proposed
estimate
estimated
estimates
forecast
forecasts
reporting
report
reports
reported
saying
posit
mock
mocked
tease
teased
dispute
disputed
condemn
condemned
denounce
denounced
criticize
criticized
criticise
criticised
applaud
applauded
decry
decried
underline
underlined
highlight
highlighted
note
noting
adding
claiming
arguing
stating
";

/// For each two-letter beginning and each two-letter ending (a-z in any case, or anything
/// else as a 27th letter), the lengths of the lexicon forms that have it, one bit each: most
/// words, "the" and "that" among them, are turned away with a few loads. Worked out from
/// [`LEXICON`] at compile time.
struct Shapes {
    first: [u32; 27 * 27],
    last: [u32; 27 * 27],
}

/// A byte's letter number for [`Shapes`]: 0 to 25 for a-z in any case, 26 for any other byte.
static LETTER: [u8; 256] = {
    let mut table = [26u8; 256];
    let mut i = 0;
    while i < 26 {
        table[b'a' as usize + i] = i as u8;
        table[b'A' as usize + i] = i as u8;
        i += 1;
    }
    table
};

/// The slot of two letters.
#[inline(always)]
const fn shape_slot(a: u8, b: u8) -> usize {
    LETTER[a as usize] as usize * 27 + LETTER[b as usize] as usize
}

/// A byte of a form in [`LEXICON`], not a separator or a mark.
const fn is_form(b: u8) -> bool {
    !matches!(b, b' ' | b'\n' | b'+' | b'@')
}

static SHAPES: Shapes = {
    let mut shapes = Shapes {
        first: [0; 27 * 27],
        last: [0; 27 * 27],
    };
    // The forms: runs of bytes other than spaces, newlines and the marks `+` and `@`.
    let text = LEXICON.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if !is_form(text[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && is_form(text[i]) {
            i += 1;
        }
        let n = i - start;
        if n >= 2 {
            shapes.first[shape_slot(text[start], text[start + 1])] |= 1 << n;
            shapes.last[shape_slot(text[i - 2], text[i - 1])] |= 1 << n;
        }
    }
    shapes
};

/// The cue a word is, if any. Inlined: the shape filter turns most words away where they are
/// asked about, and only the rest call the table look-up.
#[inline]
pub fn cue(word: &str) -> Option<Cue> {
    cue_bytes(word.as_bytes())
}

/// [`cue`] of a word's bytes.
#[inline]
pub fn cue_bytes(w: &[u8]) -> Option<Cue> {
    let n = w.len();
    if !(2..=16).contains(&n) {
        return None;
    }
    let len_bit = 1 << n;
    if SHAPES.first[shape_slot(w[0], w[1])] & len_bit == 0
        || SHAPES.last[shape_slot(w[n - 2], w[n - 1])] & len_bit == 0
    {
        return None;
    }
    lookup(w)
}

/// The table's reading of a word that passed the shape filter.
#[inline(never)]
fn lookup(w: &[u8]) -> Option<Cue> {
    table().get_key(Key::new(w)?)
}

/// "said", "says", "told": the verbs that open reported speech in most news sentences.
pub fn is_say(word: &str) -> bool {
    if word.len() > 7 {
        return false;
    }
    let l = Lower::new(word);
    matches!(
        l.bytes(),
        b"say" | b"says" | b"said" | b"saying" | b"tell" | b"tells" | b"told" | b"telling"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon() {
        assert!(table().len() > 400, "{} forms", table().len());
        assert!(cue("Said").is_some_and(|c| c.reports));
        assert!(cue("told").is_some_and(|c| c.takes_object));
        assert!(cue("quipped").is_some());
        assert!(cue("called").is_some_and(|c| !c.reports));
        assert!(cue("table").is_none());
    }

    #[test]
    fn the_shape_filter_passes_every_form() {
        // The filter turns away any word with another byte than a letter at either end, so
        // every form must be letters only.
        for form in LEXICON
            .lines()
            .flat_map(|l| l.trim_start_matches(['+', '@']).split_whitespace())
        {
            assert!(form.bytes().all(|b| b.is_ascii_lowercase()), "{form}");
            assert!(cue(form).is_some(), "{form}");
            assert!(cue(&form.to_uppercase()).is_some(), "{form}");
        }
        assert!(cue("said,").is_none() && cue("’said").is_none() && cue("the").is_none());
    }
}
