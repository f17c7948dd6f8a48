;; Mail: message-mode with smtpmail; the server comes from Custom.
(setq message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-user "c.ferrante@aruba.it"
      message-signature "Chiara"
      mail-default-directory "~/Mail/")
(add-hook 'message-mode-hook
          (lambda ()
            (setq fill-column 72)
            (turn-on-auto-fill)))
