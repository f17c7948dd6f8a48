;; mu4e with contexts; the global SMTP settings are the default account.
(add-to-list 'load-path "/usr/share/emacs/site-lisp/mu4e")
(setq user-mail-address "heidi@example.org"
      send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
(with-eval-after-load 'mu4e
  (setq mu4e-maildir "~/Maildir"
        mu4e-get-mail-command "mbsync -a"
        mu4e-update-interval 300))
(global-set-key (kbd "C-c m") 'mu4e)
