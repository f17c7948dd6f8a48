;;; init.el --- accounts as data, contexts made from them  -*- lexical-binding: t -*-

(require 'cl-lib)
(require 'subr-x)

(setq inhibit-startup-screen t
      use-dialog-box nil)
(global-hl-line-mode 1)
(add-hook 'before-save-hook #'delete-trailing-whitespace)

(defvar my/mail-accounts
  '((:name "personal" :address "noor@haddad.me" :server "smtp.fastmail.com" :port 465
     :stream ssl :dir "fastmail")
    (:name "uni" :address "n.haddad@aub.edu.lb" :server "smtp.office365.com" :port 587
     :stream starttls :dir "aub")
    (:name "club" :address "secretary@beirut-chess.org" :server "mail.beirut-chess.org" :port 587
     :stream starttls :dir "chess"))
  "My accounts: each a plist.")

(cl-defun my/make-context (&key name address server port stream dir)
  "A mu4e context for one account of `my/mail-accounts'."
  (make-mu4e-context
   :name name
   :match-func (lambda (msg)
                 (when msg
                   (string-prefix-p (concat "/" dir)
                                    (mu4e-message-field msg :maildir))))
   :vars `((user-mail-address . ,address)
           (smtpmail-smtp-user . ,address)
           (smtpmail-smtp-server . ,server)
           (smtpmail-smtp-service . ,port)
           (smtpmail-stream-type . ,stream)
           (mu4e-sent-folder . ,(format "/%s/Sent" dir))
           (mu4e-drafts-folder . ,(format "/%s/Drafts" dir))
           (mu4e-trash-folder . ,(format "/%s/Trash" dir)))))

(setq user-full-name "Noor Haddad"
      user-mail-address (plist-get (car my/mail-accounts) :address)
      mail-user-agent 'mu4e-user-agent
      send-mail-function #'smtpmail-send-it
      message-send-mail-function #'smtpmail-send-it)

(with-eval-after-load 'mu4e
  (setq mu4e-contexts
        (mapcar (lambda (account) (apply #'my/make-context account))
                (cl-remove-if (lambda (a) (string= (plist-get a :name) "club"))
                              my/mail-accounts)))
  ;; The club account is only for sending.
  (add-to-list 'mu4e-contexts
               (apply #'my/make-context (car (last my/mail-accounts)))
               t)
  (setq mu4e-context-policy 'pick-first
        mu4e-compose-context-policy 'ask-if-none
        mu4e-maildir-shortcuts
        (cl-loop for account in my/mail-accounts
                 for dir = (plist-get account :dir)
                 for key across "pkc"
                 collect (cons (format "/%s/INBOX" dir) key))))

(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server (plist-get (car my/mail-accounts) :server)
        smtpmail-smtp-service (plist-get (car my/mail-accounts) :port)
        smtpmail-stream-type (plist-get (car my/mail-accounts) :stream)))

(when (require 'mu4e nil t)
  (setq mu4e-get-mail-command "mbsync -a"
        mu4e-update-interval (* 10 60)))
