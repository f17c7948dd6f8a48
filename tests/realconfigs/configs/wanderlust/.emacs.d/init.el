;;; init.el

(autoload 'wl "wl" "Wanderlust" t)
(autoload 'wl-other-frame "wl" "Wanderlust on new frame." t)
(autoload 'wl-draft "wl-draft" "Write draft with Wanderlust." t)

(setq user-mail-address "takeshi@yamada.jp"
      user-full-name "Takeshi Yamada")

(setq wl-smtp-connection-type 'starttls
      wl-smtp-posting-port 587
      wl-smtp-authenticate-type "plain"
      wl-smtp-posting-user "takeshi"
      wl-smtp-posting-server "smtp.yamada.jp"
      wl-local-domain "yamada.jp"
      elmo-imap4-default-server "imap.yamada.jp"
      elmo-imap4-default-port 993
      elmo-imap4-default-stream-type 'ssl)

(if (boundp 'mail-user-agent)
    (setq mail-user-agent 'wl-user-agent))
(if (fboundp 'define-mail-user-agent)
    (define-mail-user-agent
      'wl-user-agent
      'wl-user-agent-compose
      'wl-draft-send
      'wl-draft-kill
      'mail-send-hook))

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.yamada.jp")
