;; expect: .authinfo:0 warning credentials-no-match
;; emacs-auth: smtp.example.org 587 nil
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-smtp-user "alice"
      user-mail-address "alice@example.org")
