;;; .emacs --- Chris's Emacs  -*- lexical-binding: nil -*-

(setq mail-user-agent 'gnus-user-agent
      read-mail-command 'gnus
      send-mail-function 'message-send-mail-with-sendmail
      message-send-mail-function 'message-send-mail-with-sendmail
      sendmail-program "msmtp"
      message-sendmail-extra-arguments '("-a" "default"))

(setq gnus-secondary-select-methods
      '((nnimap "home"
                (nnimap-address "imap.gmail.com")
                (nnimap-server-port 993)
                (nnimap-stream ssl))
        (nnimap "dd"
                (nnimap-address "outlook.office365.com")
                (nnimap-server-port 993)
                (nnimap-stream ssl))))

(defun my-gnus-group-list-subscribed-groups ()
  "List all subscribed groups with or without un-read messages"
  (interactive)
  (gnus-group-list-all-groups 5))
(add-hook 'gnus-group-mode-hook
          (lambda () (local-set-key "o" 'my-gnus-group-list-subscribed-groups)))

;; Make Gnus NOT ignore [Gmail]/... mailboxes
(setq gnus-ignored-newsgroups "")

;; Posting styles, to make Gnus behave differently for each account
(setq mail-signature nil)
(setq gnus-parameters
      '(("home:.*"
         (posting-style
          (address "chris.warbo@gmail.example")
          (name "Chris Warbo")
          (body "\n\nCheers,\nChris")
          (eval (setq message-sendmail-extra-arguments '("-a" "gmail" "--read-envelope-from")))
          (user-mail-address "chris.warbo@gmail.example")))
        ("dd:.*"
         (posting-style
          (address "c.warbo@dundee.example.ac.uk")
          (eval (setq message-sendmail-extra-arguments '("-a" "dd" "--read-envelope-from")))
          (user-mail-address "c.warbo@dundee.example.ac.uk")))))

(setq gnus-posting-styles
      '((".*"
         (organization "The Warbo Project")
         (eval (setq message-sendmail-extra-arguments '("-a" "default")))
         ("Bcc" "chris.warbo@gmail.example"))))

;; Always show inboxes, even when empty
(setq gnus-permanently-visible-groups "INBOX")

;; Discourage HTML emails
(eval-after-load "gnus-sum"
  '(add-to-list
    'gnus-newsgroup-variables
    '(mm-discouraged-alternatives
      . '("text/html" "image/.*"))))

(eval-after-load "message"
  '(setq message-sendmail-envelope-from 'header
         message-sendmail-f-is-evil t))

(setq user-mail-address "chris.warbo@gmail.example"
      user-full-name "Chris Warbo")
