;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Astrid Jensen"
      user-mail-address "astrid@jensen.dk")

(setq gnus-select-method '(nnml ""))
(setq mail-sources '((file :path "/var/mail/astrid")
                     (maildir :path "~/Maildir/" :subdirs ("cur" "new"))))
(setq nnmail-split-methods
      '(("mail.debian" "^List-Id:.*debian")
        ("mail.misc" "")))
(setq gnus-home-directory "~/.gnus.d/"
      gnus-directory "~/.gnus.d/News/"
      message-directory "~/.gnus.d/Mail/")
(setq gnus-startup-file "~/.gnus.d/newsrc")
(setq gnus-save-newsrc-file nil
      gnus-read-newsrc-file nil)
(setq gnus-summary-line-format "%U%R%z%I%(%[%4L: %-23,23f%]%) %s\n")

(setq mail-user-agent 'gnus-user-agent)
(setq send-mail-function 'sendmail-send-it
      sendmail-program "/usr/sbin/sendmail"
      mail-specify-envelope-from nil)
(setq message-send-mail-function 'message-send-mail-with-sendmail)
