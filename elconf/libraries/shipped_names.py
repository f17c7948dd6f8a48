"""Names of the libraries shipped under lisp/ in Emacs 28.2 (generated from the installed tree)."""

NAMES = """
4Corner 5x5 ARRAY30 AT386 CCDOSPY CTLau CTLau-b5 ECDICT ETZY PY PY-b5 Punct Punct-b5 QJ QJ-b5 SW
TONEPY ZIRANMA ZOZY abbrev abbrevlist add-log advice align allout allout-widgets analyze ange-ftp
animate ansi-color antlr-mode appt apropos arabic arc-mode args array artist asm-mode assoc
auth-source auth-source-pass auto autoarg autoconf autoconf-edit autoinsert autoload autorevert
avl-tree avoid backquote backtrace base bat-mode battery benchmark bib-mode bibtex bibtex-style
bindat bindings binhex blackbox bobcat bookmark bovine browse-url bruce bs bubbles buff-menu
bug-reference burmese button byte-opt byte-run bytecomp c c-by cal-bahai cal-china cal-coptic
cal-dst cal-french cal-hebrew cal-html cal-islam cal-iso cal-julian cal-mayan cal-menu cal-move
cal-persia cal-tex cal-x calc calc-aent calc-alg calc-arith calc-bin calc-comb calc-cplx
calc-embed calc-ext calc-fin calc-forms calc-frac calc-funcs calc-graph calc-help calc-incom
calc-keypd calc-lang calc-macs calc-map calc-math calc-menu calc-misc calc-mode calc-mtx
calc-nlfit calc-poly calc-prog calc-rewr calc-rules calc-sel calc-stat calc-store calc-stuff
calc-trail calc-undo calc-units calc-vec calc-yank calcalg2 calcalg3 calccomp calcsel2 calculator
calendar canlock case-table cc-align cc-awk cc-bytecomp cc-cmds cc-compat cc-defs cc-engine
cc-fonts cc-guess cc-langs cc-menus cc-mode cc-styles cc-vars ccl cconv cdl cedet cedet-cscope
cedet-files cedet-global cedet-idutils cfengine cham char-fold characters charscript chart
check-declare checkdoc china-util chinese chistory cl cl-compat cl-extra cl-font-lock cl-generic
cl-indent cl-lib cl-macs cl-preloaded cl-print cl-seq cmacexp cmuscheme color comint common-win
comp comp-cstr compare-w compface compile complete completion compose composite conf-mode config
cookie1 copyright cp51932 cperl-mode cpp cpp-root crisp crm croatian cscope css-mode ctxt
cua-base cua-gmrk cua-rect cursor-sensor cus-dep cus-edit cus-face cus-start cus-theme cust-print
custom cvs-status cwarn cygwin cyril-jis cyril-util cyrillic czech dabbrev data-debug db db-debug
db-ebrowse db-el db-file db-find db-global db-javascript db-mode db-ref db-typecache dbus
dcl-mode debug decipher decorate delim-col delsel dep derived descr-text desktop detect deuglify
dframe diary-lib dictionary dictionary-connection diff diff-mode dig dired dired-aux dired-x
dirtrack disass disp-table display-fill-column-indicator display-line-numbers dissociate dnd dns
dns-mode doc doc-view doctor document dom dos-fns dos-vars dos-w32 double dunnet dynamic-setting
easy-mmode easymenu ebnf-abn ebnf-bnf ebnf-dtd ebnf-ebx ebnf-iso ebnf-otz ebnf-yac ebnf2ps
ebrowse ebuff-menu echistory ecomplete ede ede-grammar edebug ediff ediff-diff ediff-help
ediff-hook ediff-init ediff-merg ediff-mult ediff-ptch ediff-util ediff-vers ediff-wind edit
edmacro edt edt-lk201 edt-mapper edt-pc edt-vt100 ehelp eieio eieio-base eieio-compat eieio-core
eieio-custom eieio-datadebug eieio-opt eieio-speedbar el eldoc elec-pair electric elide-head
elint elisp-mode elp em-alias em-banner em-basic em-cmpl em-dirs em-glob em-hist em-ls em-pred
em-prompt em-rebind em-script em-smart em-term em-tramp em-unix em-xtra emacs emacs-lock emacsbug
emerge emoji-zwj english enriched env epa epa-dired epa-file epa-hook epa-ks epa-mail epg
epg-config erc erc-autoaway erc-backend erc-button erc-capab erc-compat erc-dcc
erc-desktop-notifications erc-ezbounce erc-fill erc-goodies erc-hecomplete erc-ibuffer erc-identd
erc-imenu erc-join erc-lang erc-list erc-log erc-match erc-menu erc-netsplit erc-networks
erc-notify erc-page erc-pcomplete erc-replace erc-ring erc-services erc-sound erc-speedbar
erc-spelling erc-stamp erc-status-sidebar erc-track erc-truncate erc-xdcc ert ert-x esh-arg
esh-cmd esh-ext esh-io esh-mode esh-module esh-opt esh-proc esh-util esh-var eshell etags
etc-authors-mode ethio-util ethiopic eucjp-ms eudc eudc-bob eudc-export eudc-hotlist eudc-vars
eudcb-bbdb eudcb-ldap eudcb-mab eudcb-macos-contacts eudcb-ph european ewoc eww executable exif
expand expandproto extract ezimage f90 face-remap facemenu faces faceup fast-lock fbterm fcn
feedmail ffap fields filecache fileloop filenotify files files-x filesets fill filter filters
find find-cmd find-dired find-file find-func find-lisp finder float-sup flow-ctrl flow-fill
flymake flymake-cc flymake-proc flyspell foldout follow font-core font-lock fontset footnote
format format-spec forms fortran fortune frame frameset fringe fw gamegrid gametree gcc gdb-mi
generator generic generic-x georgian getset glasses global gmm-utils gnus gnus-agent gnus-art
gnus-async gnus-bcklg gnus-bookmark gnus-cache gnus-cite gnus-cloud gnus-cus gnus-dbus gnus-delay
gnus-demon gnus-diary gnus-dired gnus-draft gnus-dup gnus-eform gnus-fun gnus-gravatar gnus-group
gnus-html gnus-icalendar gnus-int gnus-kill gnus-logic gnus-mh gnus-ml gnus-mlspl gnus-msg
gnus-notifications gnus-picon gnus-range gnus-registry gnus-rfc1843 gnus-salt gnus-score
gnus-search gnus-sieve gnus-spec gnus-srvr gnus-start gnus-sum gnus-topic gnus-undo gnus-util
gnus-uu gnus-vm gnus-win gnutls gomoku goto-addr grammar grammar-wy gravatar greek grep
grm-wy-boot gs gssapi gud gulp gv handwrite hangul hanja hanja-jis hanja-util hanja3 hanoi
hashcash hebrew help help-at-pt help-fns help-macro help-mode helper hex-util hexl hfy-cmap
hi-lock hideif hideshow hierarchy hilit-chg hippie-exp hl-line hmac-def hmac-md5 holidays html
html2text htmlfontify ia ia-sb ibuf-ext ibuf-macs ibuffer icalendar icomplete icon idle
idlw-complete-structtag idlw-help idlw-shell idlw-toolbar idlwave ido idutils ielm ietf-drums
iimage image image-converter image-dired image-file image-mode imap imenu include ind-util indent
indian inf-lisp info info-edit info-look info-xref informat inline insert internal inversion ipa
ipa-praat iris-ansi isearch isearch-x isearchb iso-ascii iso-cvt iso-transl iso8601 ispell
iswitchb ja-dic ja-dic-cnv ja-dic-utl japan-util japanese java java-tags javascript javat-wy
jit-lock jka-cmpr-hook jka-compr js js-wy json jsonrpc kermit keypad khmer kinsoku kkc kmacro
konsole korea-util korean landmark lao lao-util latexenc latin-alt latin-ltx latin-post latin-pre
latin1-disp lazy-lock ld-script ldap legacy-gnus-agent less-css-mode let-alist lex lex-spp life
linum linux lisp lisp-mnt lisp-mode list lk201 loadhist locate log-edit log-view longlines lpr
lrt ls-lisp lunar m4-mode macroexp macros mail-extr mail-hist mail-parse mail-prsvr mail-source
mail-utils mailabbrev mailalias mailcap mailclient mailheader mailpost mairix make make-by
make-mode makefile-edit makeinfo makesum man mantemp map map-ynp master mb-depth md4 meese
memory-report menu-bar message meta-mode metamail mh-alias mh-buffers mh-comp mh-compat mh-e
mh-folder mh-funcs mh-gnus mh-identity mh-inc mh-junk mh-letter mh-limit mh-mime mh-print mh-scan
mh-search mh-seq mh-show mh-speed mh-thread mh-tool-bar mh-utils mh-xface mhtml-mode midnight
minibuf-eldef minibuffer misc misc-lang misearch mixal-mode mm-archive mm-bodies mm-decode
mm-encode mm-extern mm-partial mm-url mm-util mm-uu mm-view mml mml-sec mml-smime mml1991 mml2015
mode mode-local modula2 morse mouse mouse-copy mouse-drag mouse-sel mpc mpuz mru-bookmark msb
mspools mule mule-cmds mule-conf mule-diag mule-util mwheel nadvice net-utils netrc
network-stream newcomment news newst-backend newst-plainview newst-reader newst-ticker
newst-treeview newsticker nnagent nnbabyl nndiary nndir nndoc nndraft nneething nnfolder
nngateway nnheader nnimap nnir nnmail nnmaildir nnmairix nnmbox nnmh nnml nnnil nnoo nnregistry
nnrss nnselect nnspool nntp nnvirtual nnweb notifications novice nroff-mode ns-win nsm ntlm
nxml-enc nxml-maint nxml-mode nxml-ns nxml-outln nxml-parse nxml-rap nxml-util ob ob-C ob-R
ob-awk ob-calc ob-clojure ob-comint ob-core ob-css ob-ditaa ob-dot ob-emacs-lisp ob-eshell
ob-eval ob-exp ob-forth ob-fortran ob-gnuplot ob-groovy ob-haskell ob-java ob-js ob-julia
ob-latex ob-lilypond ob-lisp ob-lob ob-lua ob-makefile ob-matlab ob-maxima ob-ocaml ob-octave
ob-org ob-perl ob-plantuml ob-processing ob-python ob-ref ob-ruby ob-sass ob-scheme ob-screen
ob-sed ob-shell ob-sql ob-sqlite ob-table ob-tangle obarray oc oc-basic oc-biblatex oc-csl
oc-natbib octave ogonek ol ol-bbdb ol-bibtex ol-docview ol-doi ol-eshell ol-eww ol-gnus ol-info
ol-irc ol-man ol-mhe ol-rmail ol-w3m old-emacs-lock opascal org org-agenda org-archive org-attach
org-attach-git org-capture org-clock org-colview org-compat org-crypt org-ctags org-datetree
org-duration org-element org-entities org-faces org-feed org-footnote org-goto org-habit org-id
org-indent org-inlinetask org-keys org-lint org-list org-macro org-macs org-mobile org-mouse
org-num org-pcomplete org-plot org-protocol org-refile org-src org-table org-tempo org-timer
otodo-mode outline ox ox-ascii ox-beamer ox-html ox-icalendar ox-koma-letter ox-latex ox-man
ox-md ox-odt ox-org ox-publish ox-texinfo package package-x page page-ext paragraphs paren
parse-time pascal password-cache patcomp pc-mode pc-select pc-win pcase pcmpl-cvs pcmpl-gnu
pcmpl-linux pcmpl-rpm pcmpl-unix pcmpl-x pcomplete pconf pcvs pcvs-defs pcvs-info pcvs-parse
pcvs-util perl-mode persian pgg pgg-def pgg-gpg pgg-parse pgg-pgp pgg-pgp5 picture pinyin
pixel-scroll plstore pmake po pong pop3 pp printing proced profiler prog-mode programmer-dvorak
proj proj-archive proj-aux proj-comp proj-elisp proj-info proj-misc proj-obj proj-prog
proj-scheme proj-shared project project-am prolog ps-bdf ps-def ps-mode ps-mule ps-print ps-samp
pulse puny py-punct pypunct-b5 python python-wy qp quail quick-b5 quick-cns quickurl radix-tree
rcirc rcompile re-builder recentf rect refbib refer refill refs reftex reftex-auc reftex-cite
reftex-dcr reftex-global reftex-index reftex-parse reftex-ref reftex-sel reftex-toc reftex-vars
regexp-opt regi register registry remember repeat replace reporter reposition reveal rfc1345
rfc1843 rfc2045 rfc2047 rfc2104 rfc2231 rfc2368 rfc6068 rfc822 rfn-eshadow ring rlogin rmail
rmail-spam-filter rmailedit rmailkwd rmailmm rmailmsc rmailout rmailsort rmailsum rmc rng-cmpct
rng-dt rng-loc rng-maint rng-match rng-nxml rng-parse rng-pttrn rng-uri rng-util rng-valid
rng-xsd robin romanian rot13 rst rtree ruby-mode ruler-mode rx rxvt s-region sami sasl sasl-cram
sasl-digest sasl-ntlm sasl-scram-rfc sasl-scram-sha256 savehist saveplace sb sb-image scheme scm
scm-by scope score-mode screen scroll-all scroll-bar scroll-lock secrets select semantic senator
sendmail seq server ses sgml-input sgml-mode sh-script shadow shadowfile shell shortdoc
shorthands shr shr-color sieve sieve-manage sieve-mode simple simula sinhala sisheng skeleton
slovak smerge-mode smie smiley smime smtpmail snake snmp-mode so-long soap-client soap-inspect
socks solar solitaire sort soundex source spam spam-report spam-stat spam-wash speedbar spook sql
srecode sregex srt srt-mode srt-wy st starttls startup strokes studly subr subr-x subword sun
sup-mouse supercite svg symbol-ksc symref syntax system t-mouse tab-bar tab-line tabify table
tabulated-list tag tag-file tag-ls tag-write tai-viet talk tamil-dvorak tar-mode tcl tcover-ses
telnet template tempo term terminal testcover tetris tex-mode texi texinfmt texinfo texnfo-upd
text-mode text-property-search thai thai-util thai-word thingatpt thread thumbs thunk tibet-util
tibetan tildify time time-date time-stamp timeclock timer timer-list timezone titdic-cnv tls tmm
tmux todo-mode tool-bar tooltip tpu-edt tpu-extras tpu-mapper tq trace tramp tramp-adb
tramp-archive tramp-cache tramp-cmds tramp-compat tramp-crypt tramp-ftp tramp-fuse tramp-gvfs
tramp-integration tramp-rclone tramp-sh tramp-smb tramp-sshfs tramp-sudoedit tramp-uu trampver
transient tree-widget tsang-b5 tsang-cns tty-colors tutorial tv-util tvi970 two-column type-break
uce ucs-normalize underline undigest uni-input uniquify unrmail unsafep url url-about url-auth
url-cache url-cid url-cookie url-dav url-dired url-domsuf url-expand url-file url-ftp url-future
url-gw url-handlers url-history url-http url-imap url-irc url-ldap url-mailto url-methods
url-misc url-news url-nfs url-ns url-parse url-privacy url-proxy url-queue url-tramp url-util
url-vars userlock utf-7 utf-8-lang utf7 util util-modes uudecode vc vc-annotate vc-arch vc-bzr
vc-cvs vc-dav vc-dir vc-dispatcher vc-filewise vc-git vc-hg vc-hooks vc-mtn vc-rcs vc-sccs vc-src
vc-svn vcursor vera-mode verilog-mode version vhdl-mode vi viet-util vietnamese view vip viper
viper-cmd viper-ex viper-init viper-keym viper-macs viper-mous viper-util viqr vntelex vnvni
vt-control vt100 vt100-led vt200 w32-fns w32-vars w32-win w32console warnings wdired webjump
welsh which-func whitespace wid-browse wid-edit widget windmove window winner wisent woman
ws-mode wyse50 x-dnd x-win xdg xml xmltok xref xscheme xsd-regexp xt-mouse xterm xwidget yenc yow
zeroconf zone"""
